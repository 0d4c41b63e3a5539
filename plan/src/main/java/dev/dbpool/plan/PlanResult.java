package dev.dbpool.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The verdict on a fleet: each service's share of the budget, the total against what is available,
 * and what is wrong ({@link #violations()}) or worth knowing ({@link #advice()}, {@link #notes()}).
 *
 * <p>{@link #fits()} is the verdict a CI gate or a service's own test checks:
 * <pre>{@code
 * PlanResult plan = FleetPlan.load(Path.of("deploy/services.yaml")).evaluate();
 * assertTrue(plan.fits(), plan::summary);
 * }</pre>
 *
 * @param source     the file's name, or {@code presets}
 * @param budget     what the fleet may use
 * @param services   one row per service, in the file's order
 * @param worstCase  whether every service was counted at its {@code max_replicas}
 * @param fitted     whether the proportional fit was computed ({@link ServiceAllocation#fittedMaxConnections()})
 * @param threshold  the fleet's default backpressure threshold used by the Little's-law advice
 * @param server     the server's limits, when they were read
 * @param violations why the fleet does not fit; empty when it does
 * @param advice     pool sizes that disagree with the traffic figures; never changes the verdict
 * @param notes      how the inputs were combined (for example the server overriding the file)
 */
public record PlanResult(
        String source,
        ConnectionBudget budget,
        List<ServiceAllocation> services,
        boolean worstCase,
        boolean fitted,
        double threshold,
        Optional<ServerLimits> server,
        List<String> violations,
        List<String> advice,
        List<String> notes) {

    public PlanResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(budget, "budget");
        services = List.copyOf(services);
        Objects.requireNonNull(server, "server");
        violations = List.copyOf(violations);
        advice = List.copyOf(advice);
        notes = List.copyOf(notes);
    }

    /** The verdict: no violations, so the fleet's pools fit in what the server has for them. */
    public boolean fits() {
        return violations.isEmpty();
    }

    /** Σ max_connections × replicas. */
    public long totalAllocated() {
        return services.stream().mapToLong(ServiceAllocation::allocated).sum();
    }

    /** {@code available − totalAllocated}; negative when over budget. */
    public long headroom() {
        return budget.available() - totalAllocated();
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

    /** The row for {@code name}. */
    public Optional<ServiceAllocation> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** One line for people and for assertion messages. */
    public String summary() {
        String counted = worstCase ? " at max_replicas" : "";
        if (fits()) {
            return "FITS: " + totalAllocated() + " connections allocated" + counted + ", " + budget.available()
                    + " available (" + budget.describe() + "), headroom " + headroom();
        }
        return "DOES NOT FIT: " + String.join("; ", violations) + " (" + budget.describe() + ")";
    }
}
