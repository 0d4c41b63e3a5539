package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.ServicePool;
import dev.dbpool.rules.model.ConnectionBudget;
import dev.dbpool.rules.model.DatabaseBudget;
import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.ServiceAllocation;
import dev.dbpool.runtime.BackpressureConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code dbpool emit --plan} (and a service's own test, through {@code dbpool-junit}) takes from a services file, read by the same plan model as
 * {@code dbpool plan}: one parser, one set of defaults, one set of error messages
 * ({@code FILE:LINE:COL: ...}, exit 2). With {@code databases:}, each database's budget and services.
 */
public final class PlanFleet {

    private PlanFleet() {
    }

    /** The plan's budgets (as {@code dbpool plan} computes them) and each service's pool size and threshold. */
    public static Fleet read(Path planFile) {
        return of(FleetPlan.load(planFile), planFile.getFileName().toString());
    }

    /** The same for a plan already loaded (or built in code); {@code name} goes into the generated header. */
    public static Fleet of(FleetPlan plan, String name) {
        PlanResult result = plan.evaluate(PlanOptions.defaults());
        List<ServicePool> pools = plan.services().stream()
                .map(service -> new ServicePool(service.name(), service.maxConnections(),
                        service.backpressureThreshold().orElse(BackpressureConfig.DEFAULT_THRESHOLD)))
                .toList();
        if (result.singleDatabase()) {
            return Fleet.fromPlan(name, budget(result.database()), pools);
        }
        List<DatabaseBudget> databases = result.databases().stream()
                .map(d -> new DatabaseBudget(d.name(), budget(d), d.services().stream().map(ServiceAllocation::name).toList()))
                .toList();
        return Fleet.fromPlan(name, databases, pools);
    }

    private static ConnectionBudget budget(DatabaseResult database) {
        return new ConnectionBudget(database.budget().maxConnections(), database.budget().reservedConnections());
    }
}
