package dev.dbpool.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * A service's traffic at its peak, for the pool-size advice (Erlang C, Little's law): {@code peakQps} requests per second
 * for the whole service (all replicas together), each holding a connection for {@code holdMs} on
 * average. Decimals, so that the advice is computed without binary rounding surprises.
 */
public record Traffic(BigDecimal peakQps, BigDecimal holdMs) {

    public Traffic {
        Objects.requireNonNull(peakQps, "peakQps");
        Objects.requireNonNull(holdMs, "holdMs");
        if (peakQps.signum() <= 0 || holdMs.signum() <= 0) {
            throw new IllegalArgumentException("peakQps and holdMs must be positive, got " + peakQps + " and " + holdMs);
        }
    }

    public static Traffic of(double peakQps, double holdMs) {
        return new Traffic(BigDecimal.valueOf(peakQps), BigDecimal.valueOf(holdMs));
    }

    /**
     * The offered load on one replica's pool in erlangs, the mean number of connections busy:
     * {@code (peak_qps / replicas) × hold_ms / 1000}.
     */
    public double erlangsPerReplica(int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be at least 1, got " + replicas);
        }
        return peakQps.multiply(holdMs).divide(BigDecimal.valueOf(1000L * replicas), MathContext.DECIMAL64)
                .doubleValue();
    }
}
