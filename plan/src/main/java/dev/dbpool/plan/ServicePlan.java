package dev.dbpool.plan;

import dev.dbpool.runtime.ServicePreset;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One service of the fleet as the services file describes it: its pool size per replica, how many
 * replicas run normally and at the autoscaler's ceiling, and optionally its peak traffic.
 *
 * @param name                  the service (and the pool's {@code ApplicationName} on the server)
 * @param preset                whether the name is a {@link ServicePreset}, whose sizes are the defaults
 * @param replicas              pods that normally run, each with its own pool
 * @param maxReplicas           the autoscaler's ceiling, used by the worst case ({@code >= replicas})
 * @param maxConnections        pool maximum per replica
 * @param minConnections        pool minimum (idle) per replica
 * @param traffic               peak traffic for the Little's-law advice, if known
 * @param backpressureThreshold the service's own threshold, if it differs from the fleet default
 */
public record ServicePlan(
        String name,
        boolean preset,
        int replicas,
        int maxReplicas,
        int maxConnections,
        int minConnections,
        Optional<Traffic> traffic,
        OptionalDouble backpressureThreshold) {

    public ServicePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(backpressureThreshold, "backpressureThreshold");
        if (replicas < 1 || maxReplicas < replicas || maxConnections < 1 || minConnections < 0
                || minConnections > maxConnections) {
            throw new IllegalArgumentException("invalid service plan " + name + ": replicas=" + replicas
                    + ", max_replicas=" + maxReplicas + ", max=" + maxConnections + ", min=" + minConnections);
        }
    }

    /** A preset service at its preset sizes with {@code replicas} replicas. */
    public static ServicePlan ofPreset(ServicePreset preset, int replicas) {
        return new ServicePlan(preset.service(), true, replicas, replicas, preset.maxConnections(),
                preset.minConnections(), Optional.empty(), OptionalDouble.empty());
    }

    /** The replicas counted in the allocation: {@link #maxReplicas()} in the worst case. */
    public int replicasCounted(boolean worstCase) {
        return worstCase ? maxReplicas : replicas;
    }
}
