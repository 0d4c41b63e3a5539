package dev.dbpool.plan;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One row of a {@link PlanResult}: what a service takes from its database's budget.
 *
 * @param service                   the service as planned
 * @param replicas                  replicas counted ({@code max_replicas} plus the surge in the worst case)
 * @param surge                     the rolling-update pods among {@code replicas} (0 unless worst case)
 * @param allocated                 {@code maxConnections × replicas}
 * @param share                     {@code allocated / available} (1.0 is the whole budget; NaN when nothing is available)
 * @param fittedMaxConnections      the per-replica max after the proportional fit, when one was asked for
 * @param recommendedMaxConnections the Erlang C size per replica, when the service has traffic figures
 * @param littlesLawConnections     the mean-based size per replica (Little's law over the threshold)
 * @param predictedShedRatio        the share of requests the threshold policy sheds at peak with this max
 *                                  (Erlang B over the admitted slots), when the service has traffic figures
 * @param currentConnections        sessions the server has now under the service's name, when it was asked
 * @param advice                    a short note for the table ({@code ""} when there is nothing to say)
 */
public record ServiceAllocation(
        ServicePlan service,
        int replicas,
        int surge,
        long allocated,
        double share,
        OptionalInt fittedMaxConnections,
        OptionalInt recommendedMaxConnections,
        OptionalInt littlesLawConnections,
        OptionalDouble predictedShedRatio,
        OptionalInt currentConnections,
        String advice) {

    public String name() {
        return service.name();
    }

    public int maxConnections() {
        return service.maxConnections();
    }

    public int minConnections() {
        return service.minConnections();
    }

    public String database() {
        return service.database();
    }

    /** Whether the pool max is below what the service's peak needs (the Erlang C size), when it has traffic figures. */
    public boolean undersized() {
        return recommendedMaxConnections.isPresent() && recommendedMaxConnections.getAsInt() > maxConnections();
    }

    /** {@code fittedMaxConnections × replicas}, when a fit was asked for. */
    public OptionalLong fittedAllocated() {
        return fittedMaxConnections.isPresent()
                ? OptionalLong.of((long) fittedMaxConnections.getAsInt() * replicas) : OptionalLong.empty();
    }
}
