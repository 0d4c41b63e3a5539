package dev.dbpool.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verdict on one database: its budget, the services on it, and what is wrong.
 *
 * @param name       the database's name ({@value DatabasePlan#DEFAULT_NAME} in the single-database form)
 * @param budget     what its services may use
 * @param services   the rows of its services, in input order
 * @param fitted     whether the proportional fit was computed
 * @param pooler     the PgBouncer check, when the database is behind one
 * @param violations why it does not fit; empty when it does
 */
public record DatabaseResult(String name, ConnectionBudget budget, List<ServiceAllocation> services, boolean fitted,
                             Optional<PoolerResult> pooler, List<String> violations) {

    public DatabaseResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(budget, "budget");
        services = List.copyOf(services);
        Objects.requireNonNull(pooler, "pooler");
        violations = List.copyOf(violations);
    }

    public boolean fits() {
        return violations.isEmpty();
    }

    /** Σ max_connections × replicas: what the pools would open directly against the server. */
    public long totalAllocated() {
        return services.stream().mapToLong(ServiceAllocation::allocated).sum();
    }

    /** {@code available − totalAllocated}; negative when the pools are over budget directly. */
    public long headroom() {
        return budget.available() - totalAllocated();
    }

    /** The services whose pool max is below what their peak needs (see {@link ServiceAllocation#undersized()}). */
    public List<ServiceAllocation> undersized() {
        return services.stream().filter(ServiceAllocation::undersized).toList();
    }

    /** Whether the pools fit without a pooler in between. */
    public boolean fitsDirectly() {
        return totalAllocated() <= budget.available();
    }

    /** Σ min_connections × replicas: what the pools hold even when idle, and the least any fit can reach. */
    public long minimumAllocated() {
        return services.stream().mapToLong(s -> (long) Math.max(1, s.minConnections()) * s.replicas()).sum();
    }

    /** Σ fitted max × replicas, when a fit was computed. */
    public OptionalLong fittedTotalAllocated() {
        if (!fitted) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(services.stream().mapToLong(s -> s.fittedAllocated().orElse(s.allocated())).sum());
    }

    /** Whether the fit that was computed stays within the budget (it cannot when the minimums alone exceed it). */
    public boolean fitSucceeded() {
        return fitted && fittedTotalAllocated().getAsLong() <= budget.available();
    }
}
