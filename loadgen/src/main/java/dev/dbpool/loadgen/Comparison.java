package dev.dbpool.loadgen;

/**
 * Backpressure against waiting, as fractions: 0.9 means 90% fewer. {@code null} when there is nothing
 * to compare (wait mode had no timed-out requests; backpressure never recovered).
 *
 * <p>A run that never recovered has an unbounded time to recover: when only wait mode never
 * recovered, {@code ttrReduction} is 1.0.
 */
public record Comparison(Double timedOutReduction, Double ttrReduction) {

    public static Comparison of(RunResult backpressure, RunResult wait) {
        Double timedOut = wait.timedOut() == 0 ? null
                : 1.0 - (double) backpressure.timedOut() / wait.timedOut();
        Double ttr;
        Double bp = backpressure.timeToRecoverSeconds();
        Double w = wait.timeToRecoverSeconds();
        if (bp == null) {
            ttr = null;
        } else if (w == null) {
            ttr = 1.0;
        } else if (w == 0) {
            ttr = bp == 0 ? 0.0 : null;
        } else {
            ttr = 1.0 - bp / w;
        }
        return new Comparison(timedOut, ttr);
    }
}
