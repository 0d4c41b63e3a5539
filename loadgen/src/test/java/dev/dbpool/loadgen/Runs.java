package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Recovery;
import dev.dbpool.loadgen.engine.GeneratorHealth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-made results for the tests of what is computed from them (no database needed there). */
final class Runs {

    private Runs() {
    }

    static RunResult run(Mode mode, long succeeded, long rejected, long timedOut, Double ttr) {
        return run(mode, succeeded, rejected, timedOut, ttr, 0.01);
    }

    static RunResult run(Mode mode, long succeeded, long rejected, long timedOut, Double ttr, double lagP99Millis) {
        long offered = succeeded + rejected + timedOut;
        return new RunResult(mode, offered, succeeded, rejected, timedOut, 0, 0, Map.of(),
                new LatencySummary(offered, 7, 12, 40, 90, 15_000), Map.of(), 0.9, rejected,
                new Recovery(0.0, ttr, 0.9, 40, 0.85, 120, 0.65),
                new GeneratorHealth(offered, 0, 0.05, lagP99Millis, 1), 0, List.of(), List.of(), null);
    }

    /** The run's windows, one a line, for an assertion's description. */
    static String describe(RunResult run) {
        StringBuilder s = new StringBuilder(run.mode().label()).append(' ').append(run.recovery()).append('\n');
        for (dev.dbpool.loadgen.engine.Window w : run.windows()) {
            s.append(String.format(java.util.Locale.ROOT, "%3d offered=%d ok=%d rejected=%d timed_out=%d errors=%d p99=%.1fms util=%.2f%n",
                    w.second(), w.offered(), w.count(Outcome.SUCCEEDED), w.count(Outcome.REJECTED),
                    w.count(Outcome.TIMED_OUT), w.count(Outcome.ERROR), w.latencyMillis(99), w.utilizationMean()));
        }
        return s.append(run.faultEvents()).toString();
    }

    static SoakReport report(RunResult... runs) {
        SoakScenario scenario = SoakScenario.builder("auth-service").build();
        return SoakReport.of(scenario, new SoakReport.PoolSummary(16, 5, Duration.ofSeconds(10)), "test",
                Instant.EPOCH, List.of(runs));
    }
}
