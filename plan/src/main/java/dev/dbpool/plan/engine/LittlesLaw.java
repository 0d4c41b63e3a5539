package dev.dbpool.plan.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Little's law for a connection pool: connections busy on average = arrival rate × time each one is
 * held. A pool that rejects above a backpressure threshold must be large enough that this average
 * stays under the threshold, so per replica:
 * <pre>ceil((peak_qps / replicas) × hold_ms / 1000 / threshold)</pre>
 * Computed in decimals so that, for example, 850 qps × 1 s / 0.85 is exactly 1000, not 1001.
 */
public final class LittlesLaw {

    private static final BigDecimal MS_PER_SECOND = BigDecimal.valueOf(1000);

    private LittlesLaw() {
    }

    /**
     * The pool size per replica that keeps the peak below {@code threshold} (at least 1; {@link Integer#MAX_VALUE}
     * when it is larger than an int, which no server serves).
     */
    public static int connectionsPerReplica(BigDecimal peakQps, BigDecimal holdMs, int replicas, double threshold) {
        if (replicas < 1 || !(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("replicas >= 1 and 0 < threshold <= 1, got " + replicas + ", " + threshold);
        }
        BigDecimal busy = peakQps.multiply(holdMs);
        BigDecimal capacityPerConnection = MS_PER_SECOND.multiply(BigDecimal.valueOf(replicas))
                .multiply(BigDecimal.valueOf(threshold));
        BigDecimal size = busy.divide(capacityPerConnection, 0, RoundingMode.CEILING);
        if (size.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) >= 0) {
            return Integer.MAX_VALUE;
        }
        return Math.max(1, size.intValueExact());
    }
}
