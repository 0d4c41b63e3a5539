package dev.dbpool.plan.engine;

/**
 * Queueing formulas for a pool of {@code c} connections offered {@code a} erlangs (arrivals per second ×
 * mean hold time in seconds: the mean number of connections busy), under Poisson arrivals and
 * exponential hold times.
 * <ul>
 *   <li>M/M/c/c (Erlang B): a request that finds every connection busy is lost. That is the
 *       {@code threshold} backpressure policy, whose admitted slots are the connections.</li>
 *   <li>M/M/c (Erlang C): it waits in line. That is a pool that waits for a connection (HikariCP).
 *       The wait, given that one waits, is exponential with rate {@code (c − a)/hold}, so
 *       {@code P(W > t) = C(c, a) · e^(−(c − a)·t/hold)}.</li>
 * </ul>
 * Erlang B is computed by its stable recurrence {@code B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1))}
 * (no factorials, no overflow), and Erlang C from it: {@code C = c·B / (c − a·(1 − B))}.
 */
public final class ErlangC {

    private ErlangC() {
    }

    /** Erlang B: the probability that an arrival finds all {@code servers} busy in a loss system. */
    public static double erlangB(int servers, double load) {
        check(servers, load);
        double b = 1.0;
        for (int k = 1; k <= servers; k++) {
            b = load * b / (k + load * b);
        }
        return b;
    }

    /** Erlang C: the probability that an arrival has to wait; 1 when the load is at or above the servers. */
    public static double erlangC(int servers, double load) {
        check(servers, load);
        if (load >= servers) {
            return 1.0;
        }
        double b = erlangB(servers, load);
        return servers * b / (servers - load * (1 - b));
    }

    /** {@code P(wait > holdTimes × mean hold)} in M/M/c; 1 when the queue is unstable. */
    public static double probabilityOfWaitingLonger(int servers, double load, double holdTimes) {
        if (load >= servers) {
            return 1.0;
        }
        return erlangC(servers, load) * Math.exp(-(servers - load) * holdTimes);
    }

    /** The search limit of {@link #smallestPool(double, double)}: more connections than any PostgreSQL allows. */
    public static final int DEFAULT_LIMIT = 1 << 20;

    /**
     * The smallest pool for which a request waits longer than one mean hold time with probability at most
     * {@code maxProbability}; {@link #DEFAULT_LIMIT}{@code + 1} when it is larger than that.
     */
    public static int smallestPool(double load, double maxProbability) {
        return smallestPool(load, maxProbability, DEFAULT_LIMIT);
    }

    /**
     * The same, looking no further than {@code limit} connections: {@code limit + 1} means "more than
     * {@code limit}" (a pool larger than the server's {@code max_connections} is already the answer). Erlang B
     * is carried from one pool size to the next by its recurrence, so the search costs one step per
     * connection: at most {@code limit} steps, whatever the load.
     */
    public static int smallestPool(double load, double maxProbability, int limit) {
        if (!(maxProbability > 0 && maxProbability < 1)) {
            throw new IllegalArgumentException("maxProbability must be above 0 and below 1, got " + maxProbability);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        if (!(load >= 0) || load >= limit) {
            return limit + 1; // a stable queue needs more servers than the load: more than the limit
        }
        double b = 1.0;
        for (int servers = 1; servers <= limit; servers++) {
            b = load * b / (servers + load * b);
            if (servers > load) {
                double waits = servers * b / (servers - load * (1 - b));
                if (waits * Math.exp(-(servers - load)) <= maxProbability) {
                    return servers;
                }
            }
        }
        return limit + 1;
    }

    private static void check(int servers, double load) {
        if (servers < 1 || !(load >= 0) || Double.isInfinite(load)) {
            throw new IllegalArgumentException("need servers >= 1 and a finite load >= 0, got " + servers + ", " + load);
        }
    }
}
