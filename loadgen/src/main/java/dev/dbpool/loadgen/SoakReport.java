package dev.dbpool.loadgen;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a soak found: the scenario, the pool it ran, one {@link RunResult} per mode, and, when
 * both modes ran, the comparison. {@code report.json}, the text summary and {@code report.html} are
 * all written from this.
 */
public record SoakReport(SoakScenario scenario, PoolSummary pool, String database, Instant startedAt,
                         List<RunResult> runs, Comparison comparison, Verdict verdict) {

    /** The preset pool that was soaked. */
    public record PoolSummary(int maxConnections, int minConnections, Duration acquireTimeout) {
    }

    public static SoakReport of(SoakScenario scenario, PoolSummary pool, String database, Instant startedAt,
                                List<RunResult> runs) {
        Optional<RunResult> bp = find(runs, Mode.BACKPRESSURE);
        Optional<RunResult> wait = find(runs, Mode.WAIT);
        Comparison comparison = bp.isPresent() && wait.isPresent() ? Comparison.of(bp.get(), wait.get()) : null;
        return new SoakReport(scenario, pool, database, startedAt, List.copyOf(runs), comparison,
                Verdict.of(runs, comparison));
    }

    public Optional<RunResult> run(Mode mode) {
        return find(runs, mode);
    }

    public boolean valid() {
        return runs.stream().allMatch(RunResult::valid);
    }

    private static Optional<RunResult> find(List<RunResult> runs, Mode mode) {
        return runs.stream().filter(r -> r.mode() == mode).findFirst();
    }
}
