package dev.dbpool.plan;

import dev.dbpool.runtime.BackpressureConfig;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to evaluate a {@link FleetPlan}. Immutable; start from {@link #defaults()} and adjust with the
 * {@code with...} copies.
 *
 * @param worstCase                  count every service at its {@code max_replicas} plus its rolling-update surge
 * @param fit                        also compute the proportional fit: every max scaled down until the fleet fits
 * @param server                     limits read from a real server, which take precedence over the file's numbers
 * @param threshold                  the backpressure threshold of services that do not set their own, for the
 *                                   Little's-law size and the shed prediction (default {@value BackpressureConfig#DEFAULT_THRESHOLD})
 * @param maxWaitProbability         the Erlang C target: the largest acceptable probability that a request waits
 *                                   longer than one mean hold time for a connection (default {@value #DEFAULT_MAX_WAIT_PROBABILITY})
 * @param fallbackMaxConnections     {@code max_connections} for a database whose input and server give none
 * @param fallbackReservedConnections {@code reserved_connections} for a database whose input gives none
 */
public record PlanOptions(boolean worstCase, boolean fit, Optional<ServerLimits> server, double threshold,
                          double maxWaitProbability, OptionalInt fallbackMaxConnections,
                          OptionalInt fallbackReservedConnections) {

    public static final double DEFAULT_MAX_WAIT_PROBABILITY = 0.01;

    private static final PlanOptions DEFAULTS = new PlanOptions(false, false, Optional.empty(),
            BackpressureConfig.DEFAULT_THRESHOLD, DEFAULT_MAX_WAIT_PROBABILITY, OptionalInt.empty(), OptionalInt.empty());

    public PlanOptions {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(fallbackMaxConnections, "fallbackMaxConnections");
        Objects.requireNonNull(fallbackReservedConnections, "fallbackReservedConnections");
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be above 0.0 and at most 1.0, got " + threshold);
        }
        if (!(maxWaitProbability > 0.0 && maxWaitProbability < 1.0)) {
            throw new IllegalArgumentException("maxWaitProbability must be above 0 and below 1, got " + maxWaitProbability);
        }
        if (fallbackMaxConnections.isPresent() && (fallbackMaxConnections.getAsInt() < 1
                || fallbackMaxConnections.getAsInt() > PlanLimits.MAX_CONNECTIONS)
                || fallbackReservedConnections.isPresent() && (fallbackReservedConnections.getAsInt() < 0
                || fallbackReservedConnections.getAsInt() > PlanLimits.MAX_CONNECTIONS)) {
            throw new IllegalArgumentException("max connections must be from 1 to " + PlanLimits.MAX_CONNECTIONS
                    + " and reserved from 0 to as many");
        }
    }

    /** Normal replicas, no fit, the file's numbers, threshold 0.85, 1% wait target. */
    public static PlanOptions defaults() {
        return DEFAULTS;
    }

    public PlanOptions withWorstCase(boolean value) {
        return new PlanOptions(value, fit, server, threshold, maxWaitProbability, fallbackMaxConnections,
                fallbackReservedConnections);
    }

    public PlanOptions withFit(boolean value) {
        return new PlanOptions(worstCase, value, server, threshold, maxWaitProbability, fallbackMaxConnections,
                fallbackReservedConnections);
    }

    public PlanOptions withServer(ServerLimits value) {
        return new PlanOptions(worstCase, fit, Optional.of(value), threshold, maxWaitProbability,
                fallbackMaxConnections, fallbackReservedConnections);
    }

    public PlanOptions withThreshold(double value) {
        return new PlanOptions(worstCase, fit, server, value, maxWaitProbability, fallbackMaxConnections,
                fallbackReservedConnections);
    }

    public PlanOptions withMaxWaitProbability(double value) {
        return new PlanOptions(worstCase, fit, server, threshold, value, fallbackMaxConnections,
                fallbackReservedConnections);
    }

    /** The budget for databases whose input (and server) say nothing: {@code --max-connections}, {@code --reserved-connections}. */
    public PlanOptions withFallbackBudget(OptionalInt maxConnections, OptionalInt reservedConnections) {
        return new PlanOptions(worstCase, fit, server, threshold, maxWaitProbability, maxConnections,
                reservedConnections);
    }
}
