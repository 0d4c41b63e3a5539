package dev.dbpool.loadgen;

import dev.dbpool.loadgen.closedloop.ClosedLoopRun;
import dev.dbpool.loadgen.closedloop.ClosedLoopWorkload;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.runtime.DbConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Locale;

/**
 * The scenario's capacity, before its runs: the closed loop ({@link ClosedLoopRun}) with one client per
 * connection of the run's pool, each running the scenario's transaction back to back, so that every
 * connection is always busy. What it completes per second is the most any admission can answer.
 */
final class CapacityProbe {

    private CapacityProbe() {
    }

    /** {@link Capacity#UNKNOWN} when the scenario does not ask for a probe. */
    static Capacity measure(SoakScenario scenario, DbConfig pool, SoakDatabase database, SoakListener listener)
            throws InterruptedException {
        Duration probe = scenario.capacityProbe();
        // The service's code takes its connections itself: a closed loop of it is not a pool's capacity.
        if (probe.isZero() || scenario.hasServiceCode()) {
            return Capacity.UNKNOWN;
        }
        // From the state every run starts from: a fresh table's first reads and writes set hint bits and
        // wake the autovacuum, and would be measured as a slower database.
        database.vacuum();
        int connections = pool.maxConnections();
        listener.step(String.format(Locale.ROOT, "measuring capacity: %d connections busy with the workload for %s "
                + "after a %s warm-up", connections, DurationText.format(probe), DurationText.format(scenario.warmup())));
        ClosedLoopWorkload workload = scenario.hasScripts()
                ? ClosedLoopWorkload.scripts(scenario.scripts(), scenario.seed(), connections)
                : ClosedLoopWorkload.soak(database.schema(), scenario.workload(), scenario.seed(), connections);
        // A registry of its own: the probe's pool is not one of the runs, and /metrics shows the runs.
        // Warmed up as long as each run is, so that the probe's client code is as compiled as the runs' is:
        // on a small machine the client's CPU is a share of the capacity.
        ClosedLoopRun.Result result = ClosedLoopRun.run(pool, new SimpleMeterRegistry(), workload, scenario.warmup(),
                probe);
        Capacity capacity = new Capacity(result.transactions() == 0 ? Double.NaN : result.transactionsPerSecond(),
                connections, probe, result.transactions(), result.errorCount());
        listener.step(String.format(Locale.ROOT, "capacity: %,.0f/s%s", capacity.perSecond(),
                result.errorCount() == 0 ? "" : String.format(Locale.ROOT, " (%,d failed transactions: %s)",
                        result.errorCount(), result.firstError())));
        return capacity;
    }
}
