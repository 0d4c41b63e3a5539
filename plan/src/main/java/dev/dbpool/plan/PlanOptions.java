package dev.dbpool.plan;

import dev.dbpool.runtime.BackpressureConfig;

import java.util.Objects;
import java.util.Optional;

/**
 * How to evaluate a {@link FleetPlan}. Immutable; start from {@link #defaults()} and adjust with the
 * {@code with...} copies.
 *
 * @param worstCase count every service at its {@code max_replicas} (the autoscaler's ceiling)
 * @param fit       also compute the proportional fit: every max scaled down until the fleet fits
 * @param server    limits read from a real server, which take precedence over the file's numbers
 * @param threshold the backpressure threshold of services that do not set their own, for the
 *                  Little's-law advice (default {@value BackpressureConfig#DEFAULT_THRESHOLD})
 */
public record PlanOptions(boolean worstCase, boolean fit, Optional<ServerLimits> server, double threshold) {

    private static final PlanOptions DEFAULTS =
            new PlanOptions(false, false, Optional.empty(), BackpressureConfig.DEFAULT_THRESHOLD);

    public PlanOptions {
        Objects.requireNonNull(server, "server");
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be above 0.0 and at most 1.0, got " + threshold);
        }
    }

    /** Normal replicas, no fit, the file's numbers, threshold 0.85. */
    public static PlanOptions defaults() {
        return DEFAULTS;
    }

    public PlanOptions withWorstCase(boolean value) {
        return new PlanOptions(value, fit, server, threshold);
    }

    public PlanOptions withFit(boolean value) {
        return new PlanOptions(worstCase, value, server, threshold);
    }

    public PlanOptions withServer(ServerLimits value) {
        return new PlanOptions(worstCase, fit, Optional.of(value), threshold);
    }

    public PlanOptions withThreshold(double value) {
        return new PlanOptions(worstCase, fit, server, value);
    }
}
