package dev.dbpool.plan;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One row of a {@link PlanResult}: what a service takes from the budget.
 *
 * @param service                   the service as planned
 * @param replicas                  replicas counted (its {@code max_replicas} in the worst case)
 * @param allocated                 {@code maxConnections × replicas}
 * @param share                     {@code allocated / available} (1.0 is the whole budget; NaN when nothing is available)
 * @param fittedMaxConnections      the per-replica max after the proportional fit, when one was asked for
 * @param recommendedMaxConnections the Little's-law size per replica, when the service has traffic figures
 * @param currentConnections        sessions the server has now under the service's name, when it was asked
 * @param advice                    a short note for the table ({@code ""} when there is nothing to say)
 */
public record ServiceAllocation(
        ServicePlan service,
        int replicas,
        long allocated,
        double share,
        OptionalInt fittedMaxConnections,
        OptionalInt recommendedMaxConnections,
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

    /** {@code fittedMaxConnections × replicas}, when a fit was asked for. */
    public OptionalLong fittedAllocated() {
        return fittedMaxConnections.isPresent()
                ? OptionalLong.of((long) fittedMaxConnections.getAsInt() * replicas) : OptionalLong.empty();
    }
}
