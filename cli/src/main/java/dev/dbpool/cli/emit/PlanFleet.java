package dev.dbpool.cli.emit;

import dev.dbpool.rules.ConnectionBudget;
import dev.dbpool.rules.Fleet;
import dev.dbpool.rules.ServicePool;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code dbpool emit --plan} takes from a services file, read by the same plan model as
 * {@code dbpool plan}: one parser, one set of defaults, one set of error messages
 * ({@code FILE:LINE:COL: ...}, exit 2).
 */
public final class PlanFleet {

    private PlanFleet() {
    }

    /** The plan's budget (as {@code dbpool plan} computes it) and each service's pool size and threshold. */
    public static Fleet read(Path planFile) {
        FleetPlan plan = FleetPlan.load(planFile);
        PlanResult result = plan.evaluate(PlanOptions.defaults());
        List<ServicePool> pools = plan.services().stream()
                .map(service -> new ServicePool(service.name(), service.maxConnections(),
                        service.backpressureThreshold().orElse(BackpressureConfig.DEFAULT_THRESHOLD)))
                .toList();
        ConnectionBudget budget = new ConnectionBudget(result.budget().maxConnections(),
                result.budget().reservedConnections());
        return Fleet.fromPlan(planFile.getFileName().toString(), budget, pools);
    }
}
