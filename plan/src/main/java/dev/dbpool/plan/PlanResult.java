package dev.dbpool.plan;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The verdict on a fleet: one {@link DatabaseResult} per database (its budget, its services' shares,
 * its PgBouncer), what is wrong ({@link #violations()}) and what is worth knowing ({@link #advice()},
 * {@link #notes()}, {@link #drift()}).
 *
 * <p>{@link #fits()} is the verdict a CI gate or a service's own test checks:
 * <pre>{@code
 * PlanResult plan = FleetPlan.load(Path.of("deploy/services.yaml")).evaluate();
 * assertTrue(plan.fits(), plan::summary);
 * }</pre>
 * The single-database accessors ({@link #budget()}, {@link #totalAllocated()}, ...) read the only
 * database and throw {@link IllegalStateException} for a fleet with several.
 *
 * @param source     the input's name, or {@code presets}
 * @param databases  one verdict per database, in input order
 * @param worstCase  whether every service was counted at its {@code max_replicas} plus surge
 * @param fitted     whether the proportional fit was computed
 * @param threshold  the fleet's default backpressure threshold used by the sizing advice
 * @param server     the server's limits, when they were read
 * @param violations why the fleet does not fit (every database's, then the drift's); empty when it does
 * @param advice     pool sizes that disagree with the traffic figures; never changes the verdict
 * @param notes      how the inputs were combined, and what reading them found
 * @param drift      the live sessions per {@code application_name} against the plan, with {@code --database-url}
 */
public record PlanResult(
        String source,
        List<DatabaseResult> databases,
        boolean worstCase,
        boolean fitted,
        double threshold,
        Optional<ServerLimits> server,
        List<String> violations,
        List<String> advice,
        List<String> notes,
        List<SessionDrift> drift) {

    public PlanResult {
        Objects.requireNonNull(source, "source");
        databases = List.copyOf(databases);
        Objects.requireNonNull(server, "server");
        violations = List.copyOf(violations);
        advice = List.copyOf(advice);
        notes = List.copyOf(notes);
        drift = List.copyOf(drift);
    }

    /** The verdict: no violations, so every database's pools (or its PgBouncer) fit in what it has for them. */
    public boolean fits() {
        return violations.isEmpty();
    }

    /** Whether the fleet has one database (the {@code database:} form, manifests, presets). */
    public boolean singleDatabase() {
        return databases.size() == 1;
    }

    /** The only database's verdict. */
    public DatabaseResult database() {
        if (!singleDatabase()) {
            throw new IllegalStateException(source + " has " + databases.size()
                    + " databases: read databases() or database(name)");
        }
        return databases.get(0);
    }

    public Optional<DatabaseResult> database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The only database's budget. */
    public ConnectionBudget budget() {
        return database().budget();
    }

    /** Every service's row, database by database. */
    public List<ServiceAllocation> services() {
        return databases.stream().flatMap(d -> d.services().stream()).toList();
    }

    /** Σ max_connections × replicas on the only database. */
    public long totalAllocated() {
        return database().totalAllocated();
    }

    /** {@code available − totalAllocated} on the only database; negative when over budget. */
    public long headroom() {
        return database().headroom();
    }

    /** Σ min_connections × replicas on the only database. */
    public long minimumAllocated() {
        return database().minimumAllocated();
    }

    /** Σ fitted max × replicas on the only database, when a fit was computed. */
    public OptionalLong fittedTotalAllocated() {
        return database().fittedTotalAllocated();
    }

    /** Whether the fit stays within every database's budget. */
    public boolean fitSucceeded() {
        return fitted && databases.stream().allMatch(DatabaseResult::fitSucceeded);
    }

    /** Every database's services whose pool max is below what their peak needs. */
    public List<ServiceAllocation> undersized() {
        return databases.stream().flatMap(d -> d.undersized().stream()).toList();
    }

    /** The row for {@code name}. */
    public Optional<ServiceAllocation> service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** One line for people and for assertion messages. */
    public String summary() {
        if (!fits()) {
            return "DOES NOT FIT: " + String.join("; ", violations) + " (" + databases.stream()
                    .map(d -> (singleDatabase() ? "" : d.name() + ": ") + d.budget().describe())
                    .collect(Collectors.joining("; ")) + ")";
        }
        String counted = worstCase ? " at max_replicas" : "";
        return "FITS: " + databases.stream().map(d -> (singleDatabase() ? "" : d.name() + ": ")
                + d.totalAllocated() + " connections allocated" + counted + ", " + d.budget().available()
                + " available (" + d.budget().describe() + "), headroom " + d.headroom()
                + d.pooler().map(p -> p.serverConnections() < d.totalAllocated()
                        ? ", " + p.serverConnections() + " through PgBouncer" : "").orElse(""))
                .collect(Collectors.joining("; "));
    }
}
