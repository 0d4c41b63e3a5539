package dev.dbpool.plan.engine;

import dev.dbpool.plan.ConnectionBudget;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanException;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.ServerLimits;
import dev.dbpool.plan.ServiceAllocation;
import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.Traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Adds a fleet up against its budget: allocation per service, the verdict, the proportional fit and
 * the Little's-law advice. The rules:
 * <ul>
 *   <li>allocated = max_connections × replicas ({@code max_replicas} in the worst case);</li>
 *   <li>available = max_connections − reserved, where reserved is the file's number (default 20% of
 *       max_connections, rounded up) or, when a server was read and it keeps back more
 *       ({@code superuser_reserved_connections + reserved_connections}), the server's: those slots
 *       are closed to application roles whatever the file says, and the file's reserve is meant to
 *       include them;</li>
 *   <li>the fleet fits when the total is at most what is available; the Little's-law size is advice
 *       and never changes the verdict (traffic figures are estimates; a CI gate on them would be
 *       noise).</li>
 * </ul>
 */
public final class PlanEvaluator {

    private PlanEvaluator() {
    }

    public static PlanResult evaluate(FleetPlan plan, PlanOptions options) {
        List<String> notes = new ArrayList<>();
        ConnectionBudget budget = budget(plan, options.server(), notes);
        boolean worstCase = options.worstCase();
        int available = budget.available();
        List<ServicePlan> services = plan.services();

        int[] fitted = options.fit() ? fit(services, worstCase, available) : null;

        List<ServiceAllocation> rows = new ArrayList<>();
        List<String> advice = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            ServicePlan service = services.get(i);
            int replicas = service.replicasCounted(worstCase);
            long allocated = (long) service.maxConnections() * replicas;
            double share = available > 0 ? (double) allocated / available : Double.NaN;
            OptionalInt fittedMax = fitted == null ? OptionalInt.empty() : OptionalInt.of(fitted[i]);
            double threshold = service.backpressureThreshold().orElse(options.threshold());
            OptionalInt recommended = service.traffic()
                    .map(t -> OptionalInt.of(LittlesLaw.connectionsPerReplica(t.peakQps(), t.holdMs(),
                            service.replicas(), threshold)))
                    .orElse(OptionalInt.empty());
            OptionalInt current = options.server()
                    .map(s -> OptionalInt.of(s.connectionsByApplication().getOrDefault(service.name(), 0)))
                    .orElse(OptionalInt.empty());
            String rowAdvice = "";
            if (recommended.isPresent()) {
                Traffic traffic = service.traffic().orElseThrow();
                rowAdvice = PoolSizeAdvice.shortForm(service.maxConnections(), fittedMax, recommended.getAsInt());
                PoolSizeAdvice.sentence(service, traffic, threshold, fittedMax, recommended.getAsInt())
                        .ifPresent(advice::add);
            }
            rows.add(new ServiceAllocation(service, replicas, allocated, share, fittedMax, recommended, current,
                    rowAdvice));
        }

        options.server().ifPresent(server -> noteUnplannedSessions(server, plan, notes));
        // The totals live in PlanResult; compute them once there and derive the violations from them.
        PlanResult unjudged = new PlanResult(plan.source(), budget, rows, worstCase, fitted != null,
                options.threshold(), options.server(), List.of(), advice, notes);
        return new PlanResult(plan.source(), budget, rows, worstCase, fitted != null, options.threshold(),
                options.server(), violations(unjudged), advice, notes);
    }

    /** What the services may share; see the class comment for how the server and the file combine. */
    static ConnectionBudget budget(FleetPlan plan, Optional<ServerLimits> server, List<String> notes) {
        int max;
        String maxFrom;
        if (server.isPresent()) {
            max = server.get().maxConnections();
            maxFrom = "server";
            if (plan.maxConnections().isPresent() && plan.maxConnections().getAsInt() != max) {
                notes.add(plan.source() + " says max_connections " + plan.maxConnections().getAsInt()
                        + ", the server says " + max + ": planning against the server");
            }
        } else if (plan.maxConnections().isPresent()) {
            max = plan.maxConnections().getAsInt();
            maxFrom = plan.origin();
        } else {
            String problem = "database.max_connections is missing: set it, or read the server's with --database-url";
            throw plan.databasePosition().map(p -> p.error(problem))
                    .orElseGet(() -> PlanException.inFile(plan.source(), problem));
        }

        int reserved;
        String reservedFrom;
        if (plan.reservedConnections().isPresent()) {
            reserved = plan.reservedConnections().getAsInt();
            reservedFrom = plan.origin();
        } else {
            reserved = (max * FleetPlan.DEFAULT_RESERVED_PERCENT + 99) / 100;
            reservedFrom = FleetPlan.DEFAULT_RESERVED_PERCENT + "% default";
        }
        if (server.isPresent() && server.get().reservedTotal() > reserved) {
            ServerLimits s = server.get();
            notes.add("the server keeps " + s.reservedTotal() + " slots from application roles, more than the "
                    + reserved + " planned: reserving " + s.reservedTotal());
            reserved = s.reservedTotal();
            reservedFrom = "server: superuser_reserved_connections " + s.superuserReservedConnections()
                    + " + reserved_connections " + s.reservedConnections();
        }
        return new ConnectionBudget(max, maxFrom, reserved, reservedFrom);
    }

    private static int[] fit(List<ServicePlan> services, boolean worstCase, int available) {
        List<ProportionalFit.Demand> demands = services.stream()
                .map(s -> new ProportionalFit.Demand(s.maxConnections(), Math.max(1, s.minConnections()),
                        s.replicasCounted(worstCase)))
                .toList();
        return ProportionalFit.fit(demands, Math.max(0, available)).sizes();
    }

    private static List<String> violations(PlanResult draft) {
        List<String> violations = new ArrayList<>();
        ConnectionBudget budget = draft.budget();
        String counted = draft.worstCase() ? " at max_replicas" : "";
        if (budget.available() <= 0) {
            violations.add("no connections are available to the services: " + budget.describe());
            return violations;
        }
        if (draft.totalAllocated() > budget.available()) {
            violations.add("over budget: " + draft.totalAllocated() + " connections allocated" + counted + ", "
                    + budget.available() + " available; " + (-draft.headroom()) + " over");
        }
        if (draft.minimumAllocated() > budget.available()) {
            violations.add("even at min_connections (and at least 1 each) the fleet needs " + draft.minimumAllocated()
                    + " connections" + counted + ", " + budget.available()
                    + " available: no proportional fit can help; lower the minimums, the replicas, or raise max_connections");
        }
        return violations;
    }

    private static void noteUnplannedSessions(ServerLimits server, FleetPlan plan, List<String> notes) {
        Set<String> planned = plan.services().stream().map(ServicePlan::name).collect(Collectors.toSet());
        Map<String, Integer> others = new TreeMap<>();
        server.connectionsByApplication().forEach((app, count) -> {
            if (!planned.contains(app)) {
                others.put(app.isEmpty() ? "(no application_name)" : app, count);
            }
        });
        int total = others.values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return;
        }
        // Sessions the plan does not know about (consoles, jobs, another fleet) use the same budget.
        notes.add("the server has " + server.currentConnections() + " client connections now; " + total
                + " are not from a planned service: "
                + others.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
