package dev.dbpool.loadgen;

import java.util.Locale;

/** How a request gets its connection: the two sides of the comparison. */
public enum Mode {
    /** {@code DbPool.acquireWithBackpressure}: rejected at once when the pool is above the threshold. */
    BACKPRESSURE,
    /** {@code DbPool.acquireWithMetrics}: plain HikariCP, waiting up to the acquire timeout. */
    WAIT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
