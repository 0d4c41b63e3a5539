package dev.dbpool.plan;

import dev.dbpool.plan.engine.ProportionalFit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Adds a fleet up against its databases' budgets, one database at a time: allocation per service,
 * the verdict, the PgBouncer check, the proportional fit, the sizing advice, and the drift of a live
 * server. The rules:
 * <ul>
 *   <li>allocated = max_connections × replicas ({@code max_replicas} plus the rolling-update surge in the
 *       worst case);</li>
 *   <li>available = max_connections − reserved, where max_connections is the server's (when read),
 *       else the input's, else {@code --max-connections}; reserved is the input's, else
 *       {@code --reserved-connections}, else 20% of max_connections rounded up, and never less than the
 *       slots the server closes to application roles;</li>
 *   <li>a database without PgBouncer fits when its total is at most what is available; behind PgBouncer
 *       the pools are PgBouncer's clients (checked against {@code max_client_conn}) and PgBouncer's own
 *       server connections are checked against what is available ({@link PoolerCheck});</li>
 *   <li>sizing advice never changes the verdict (traffic figures are estimates); sessions above a
 *       service's allocation on a live server do ({@link DriftCheck}).</li>
 * </ul>
 */
final class PlanEvaluator {

    private PlanEvaluator() {
    }

    static PlanResult evaluate(FleetPlan plan, PlanOptions options) {
        List<String> notes = new ArrayList<>(plan.notes());
        List<String> advice = new ArrayList<>();
        Optional<String> serverDatabase = options.server().flatMap(s -> serverDatabase(plan, s, notes));
        List<DatabaseResult> databases = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (DatabasePlan database : plan.databases()) {
            Optional<ServerLimits> server = options.server().filter(s -> serverDatabase.equals(Optional.of(database.name())));
            DatabaseResult result = evaluate(plan, database, server, options, notes, advice);
            databases.add(result);
            violations.addAll(result.violations());
        }
        List<SessionDrift> drift = List.of();
        if (options.server().isPresent()) {
            List<ServiceAllocation> rows = databases.stream().flatMap(d -> d.services().stream()).toList();
            drift = DriftCheck.compare(options.server().get(), rows);
            violations.addAll(DriftCheck.violations(drift));
            DriftCheck.unknownSessionsNote(options.server().get(), drift).ifPresent(notes::add);
        }
        return new PlanResult(plan.source(), databases, options.worstCase(), options.fit(), options.threshold(),
                options.server(), violations, advice, notes, drift);
    }

    private static DatabaseResult evaluate(FleetPlan plan, DatabasePlan database, Optional<ServerLimits> server,
                                           PlanOptions options, List<String> notes, List<String> advice) {
        String prefix = plan.singleDatabase() ? "" : database.name() + ": ";
        ConnectionBudget budget = budget(plan, database, server, options, notes);
        boolean worstCase = options.worstCase();
        int available = budget.available();
        List<ServicePlan> services = plan.servicesOn(database.name());
        int[] fitted = options.fit() ? fit(services, worstCase, available) : null;

        List<ServiceAllocation> rows = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            OptionalInt fittedMax = fitted == null ? OptionalInt.empty() : OptionalInt.of(fitted[i]);
            rows.add(ServiceSizing.row(services.get(i), fittedMax, available, budget.maxConnections(), options, server,
                    advice));
        }
        Optional<PoolerResult> pooler = database.pooler()
                .map(config -> PoolerCheck.check(config, database.name(), rows, available));
        pooler.ifPresent(p -> notes.addAll(PoolerCheck.notes(p, database.name(), prefix)));
        DatabaseResult draft = new DatabaseResult(database.name(), budget, rows, fitted != null, pooler, List.of());
        return new DatabaseResult(database.name(), budget, rows, fitted != null, pooler,
                violations(draft, prefix, worstCase));
    }

    /** Which database a server's limits belong to: the only one, or the one named like the URL's database. */
    private static Optional<String> serverDatabase(FleetPlan plan, ServerLimits server, List<String> notes) {
        if (plan.singleDatabase()) {
            return Optional.of(plan.databases().get(0).name());
        }
        String urlDatabase = server.databaseName();
        if (plan.database(urlDatabase).isPresent()) {
            return Optional.of(urlDatabase);
        }
        notes.add("--database-url names database '" + urlDatabase + "', which is none of the plan's databases ("
                + String.join(", ", plan.databases().stream().map(DatabasePlan::name).toList())
                + "): its limits are not used; its sessions are still compared with the plan");
        return Optional.empty();
    }

    /** What the services of one database may share; see the class comment for how the sources combine. */
    static ConnectionBudget budget(FleetPlan plan, DatabasePlan database, Optional<ServerLimits> server,
                                   PlanOptions options, List<String> notes) {
        String named = plan.singleDatabase() ? "" : "database " + database.name() + ": ";
        int max;
        String maxFrom;
        if (server.isPresent()) {
            max = server.get().maxConnections();
            maxFrom = "server";
            if (database.maxConnections().isPresent() && database.maxConnections().getAsInt() != max) {
                notes.add(named + database.origin() + " says max_connections " + database.maxConnections().getAsInt()
                        + ", the server says " + max + ": planning against the server");
            }
        } else if (database.maxConnections().isPresent()) {
            max = database.maxConnections().getAsInt();
            maxFrom = database.origin();
            options.fallbackMaxConnections().ifPresent(flag -> {
                if (flag != max) {
                    notes.add(named + "--max-connections " + flag + " is not used: " + database.origin()
                            + " says " + max);
                }
            });
        } else if (options.fallbackMaxConnections().isPresent()) {
            max = options.fallbackMaxConnections().getAsInt();
            maxFrom = "--max-connections";
        } else {
            throw missingMaxConnections(plan, database);
        }

        int reserved;
        String reservedFrom;
        if (database.reservedConnections().isPresent()) {
            reserved = database.reservedConnections().getAsInt();
            reservedFrom = database.origin();
        } else if (options.fallbackReservedConnections().isPresent()) {
            reserved = options.fallbackReservedConnections().getAsInt();
            reservedFrom = "--reserved-connections";
        } else {
            reserved = (max * FleetPlan.DEFAULT_RESERVED_PERCENT + 99) / 100;
            reservedFrom = FleetPlan.DEFAULT_RESERVED_PERCENT + "% default";
        }
        if (server.isPresent() && server.get().reservedTotal() > reserved) {
            ServerLimits s = server.get();
            notes.add(named + "the server keeps " + s.reservedTotal() + " slots from application roles, more than the "
                    + reserved + " planned: reserving " + s.reservedTotal());
            reserved = s.reservedTotal();
            reservedFrom = "server: superuser_reserved_connections " + s.superuserReservedConnections()
                    + " + reserved_connections " + s.reservedConnections();
        }
        return new ConnectionBudget(max, maxFrom, reserved, reservedFrom);
    }

    private static PlanException missingMaxConnections(FleetPlan plan, DatabasePlan database) {
        if (database.position().isEmpty() && plan.singleDatabase() && !FleetPlan.PRESETS_SOURCE.equals(plan.source())
                && plan.services().stream().anyMatch(s -> s.workload().isPresent())) {
            return PlanException.inFile(plan.source(), "Kubernetes manifests do not say the database's max_connections: "
                    + "give --max-connections N, or read the server's with --database-url");
        }
        String key = plan.singleDatabase() ? "database.max_connections" : "databases." + database.name() + ".max_connections";
        String problem = key + " is missing: set it, give --max-connections, or read the server's with --database-url";
        return database.position().map(p -> p.error(problem)).orElseGet(() -> PlanException.inFile(plan.source(), problem));
    }

    private static int[] fit(List<ServicePlan> services, boolean worstCase, int available) {
        List<ProportionalFit.Demand> demands = services.stream()
                .map(s -> new ProportionalFit.Demand(s.maxConnections(), Math.max(1, s.minConnections()),
                        s.replicasCounted(worstCase)))
                .toList();
        return ProportionalFit.fit(demands, Math.max(0, available)).sizes();
    }

    private static List<String> violations(DatabaseResult draft, String prefix, boolean worstCase) {
        List<String> violations = new ArrayList<>();
        ConnectionBudget budget = draft.budget();
        String counted = worstCase ? " at max_replicas" : "";
        if (budget.available() <= 0) {
            violations.add(prefix + "no connections are available to the services: " + budget.describe());
            return violations;
        }
        if (draft.pooler().isPresent()) {
            violations.addAll(PoolerCheck.violations(draft.pooler().get(), prefix, counted));
            return violations;
        }
        if (draft.totalAllocated() > budget.available()) {
            violations.add(prefix + "over budget: " + draft.totalAllocated() + " connections allocated" + counted + ", "
                    + budget.available() + " available; " + (-draft.headroom()) + " over");
        }
        if (draft.minimumAllocated() > budget.available()) {
            violations.add(prefix + "even at min_connections (and at least 1 each) the fleet needs "
                    + draft.minimumAllocated() + " connections" + counted + ", " + budget.available()
                    + " available: no proportional fit can help; lower the minimums, the replicas, or raise max_connections");
        }
        return violations;
    }
}
