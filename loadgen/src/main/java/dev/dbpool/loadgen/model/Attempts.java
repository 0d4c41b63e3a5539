package dev.dbpool.loadgen.model;

/**
 * The attempts behind one run's requests: every first attempt and every retry of a measured request.
 * Without retries there is one attempt per request that started.
 *
 * @param total             attempts of measured requests (first attempts and retries)
 * @param retries           of {@code total}, the retries
 * @param deniedByBudget    retries not sent because the retry budget had no token left
 * @param startedPerSecond  attempts started in each wall-clock second of the run (then the drain):
 *                          the load the pool saw, retries included
 */
public record Attempts(long total, long retries, long deniedByBudget, long[] startedPerSecond) {

    public static final Attempts NONE = new Attempts(0, 0, 0, new long[0]);

    /** attempts / requests; {@code NaN} when no request was offered. */
    public double amplification(long requests) {
        return requests == 0 ? Double.NaN : (double) total / requests;
    }

    /** Attempts started in wall-clock second {@code second}; 0 outside the run. */
    public long startedIn(int second) {
        return second >= 0 && second < startedPerSecond.length ? startedPerSecond[second] : 0;
    }
}
