package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.ServicePool;
import dev.dbpool.rules.model.ConnectionBudget;
import java.util.List;

/** Fleets the tests emit for. */
final class Fleets {

    private Fleets() {
    }

    /**
     * A plan with the pools that make per-service thresholds interesting: the design's 16, the small
     * pools where 80 % is useless (3, 4, 8), a large pool, a one-connection pool, custom backpressure
     * thresholds and a name with regex metacharacters.
     */
    static Fleet plan() {
        return Fleet.fromPlan("services.yaml", new ConnectionBudget(200, 30), List.of(
                ServicePool.fromPreset("auth-service"),
                ServicePool.fromPreset("cdn-service"),
                ServicePool.fromPreset("video-service"),
                ServicePool.fromPreset("media-service"),
                new ServicePool("billing-service", 100, 0.9),
                new ServicePool("cron.worker+1", 1, 0.85),
                new ServicePool("no-backpressure", 10, 1.0)));
    }
}
