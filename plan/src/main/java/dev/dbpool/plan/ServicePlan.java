package dev.dbpool.plan;

import dev.dbpool.runtime.ServicePreset;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One service of the fleet as its input describes it: its pool size per replica, how many replicas
 * run normally and at the autoscaler's ceiling, the pods a rolling update adds, the database (and
 * user) it connects to, and optionally its peak traffic.
 *
 * @param name                  the service (and the pool's {@code ApplicationName} on the server)
 * @param preset                whether the name is a {@link ServicePreset}, whose sizes are the defaults
 * @param replicas              pods that normally run, each with its own pool
 * @param maxReplicas           the autoscaler's ceiling, used by the worst case ({@code >= replicas})
 * @param maxConnections        pool maximum per replica
 * @param minConnections        pool minimum (idle) per replica
 * @param traffic               peak traffic for the sizing advice, if known
 * @param backpressureThreshold the service's own threshold, if it differs from the fleet default
 * @param database              the {@link DatabasePlan#name()} it connects to
 * @param user                  the database user it connects as, if named (PgBouncer pools per user)
 * @param surge                 extra pods during a rolling update ({@code maxSurge}), counted in the worst case
 * @param source                where it is declared
 * @param workload              for manifests, {@code Deployment/namespace/name}
 */
public record ServicePlan(
        String name,
        boolean preset,
        int replicas,
        int maxReplicas,
        int maxConnections,
        int minConnections,
        Optional<Traffic> traffic,
        OptionalDouble backpressureThreshold,
        String database,
        Optional<String> user,
        Surge surge,
        Optional<SourcePosition> source,
        Optional<String> workload) {

    public ServicePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(traffic, "traffic");
        Objects.requireNonNull(backpressureThreshold, "backpressureThreshold");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(surge, "surge");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(workload, "workload");
        if (replicas < 1 || maxReplicas < replicas || maxConnections < 1 || minConnections < 0
                || minConnections > maxConnections) {
            throw new IllegalArgumentException("invalid service plan " + name + ": replicas=" + replicas
                    + ", max_replicas=" + maxReplicas + ", max=" + maxConnections + ", min=" + minConnections);
        }
        // The readers refuse these with a position; here they keep every sum of a plan built in code exact.
        if (maxConnections > PlanLimits.MAX_CONNECTIONS
                || (long) maxReplicas + surge.podsAt(maxReplicas) > PlanLimits.MAX_PODS) {
            throw new IllegalArgumentException("invalid service plan " + name + ": max=" + maxConnections + " must be "
                    + PlanLimits.connectionsBound() + ", and max_replicas=" + maxReplicas + " with a surge of " + surge
                    + " " + PlanLimits.podsBound());
        }
    }

    /** A service of the single database, with no surge, position or user. */
    public ServicePlan(String name, boolean preset, int replicas, int maxReplicas, int maxConnections,
                       int minConnections, Optional<Traffic> traffic, OptionalDouble backpressureThreshold) {
        this(name, preset, replicas, maxReplicas, maxConnections, minConnections, traffic, backpressureThreshold,
                DatabasePlan.DEFAULT_NAME, Optional.empty(), Surge.NONE, Optional.empty(), Optional.empty());
    }

    /** A preset service at its preset sizes with {@code replicas} replicas. */
    public static ServicePlan ofPreset(ServicePreset preset, int replicas) {
        return new ServicePlan(preset.service(), true, replicas, replicas, preset.maxConnections(),
                preset.minConnections(), Optional.empty(), OptionalDouble.empty());
    }

    /** The surge pods counted: those of a rolling update at {@code max_replicas} in the worst case, else none. */
    public int surgeCounted(boolean worstCase) {
        return worstCase ? surge.podsAt(maxReplicas) : 0;
    }

    /** The replicas counted in the allocation: {@code max_replicas} plus the surge in the worst case. */
    public int replicasCounted(boolean worstCase) {
        return worstCase ? maxReplicas + surgeCounted(true) : replicas;
    }

    /** The same service planned on {@code databaseName}. */
    public ServicePlan onDatabase(String databaseName) {
        return new ServicePlan(name, preset, replicas, maxReplicas, maxConnections, minConnections, traffic,
                backpressureThreshold, databaseName, user, surge, source, workload);
    }
}
