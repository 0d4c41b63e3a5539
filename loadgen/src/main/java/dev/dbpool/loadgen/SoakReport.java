package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Comparison;
import dev.dbpool.loadgen.analysis.Reference;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.SoakAnalysis;
import dev.dbpool.loadgen.analysis.Verdict;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RunResult;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything a soak found: the scenario, the pool it ran and its measured capacity, one
 * {@link RunAnalysis} per mode (the run as measured and as judged), the one reference they were all
 * measured against, and, when wait and a policy ran, the comparison. {@link ReportJson}, {@link TextSummary} and {@link HtmlReport} all write
 * from this.
 */
public record SoakReport(SoakScenario scenario, PoolSummary pool, String database, Instant startedAt,
                         Capacity capacity, List<RunAnalysis> runs, Reference reference, Comparison comparison,
                         Verdict verdict) {

    /** The preset pool that was soaked. */
    public record PoolSummary(int maxConnections, int minConnections, Duration acquireTimeout) {
    }

    /** Without a measured capacity. */
    public static SoakReport of(SoakScenario scenario, PoolSummary pool, String database, Instant startedAt,
                                List<RunResult> runs) {
        return of(scenario, pool, database, startedAt, Capacity.UNKNOWN, runs);
    }

    public static SoakReport of(SoakScenario scenario, PoolSummary pool, String database, Instant startedAt,
                                Capacity capacity, List<RunResult> runs) {
        SoakAnalysis analysis = SoakAnalysis.of(runs, scenario.faults(), scenario.duration().toNanos(),
                scenario.deadline(), scenario.tolerance(), capacity);
        return new SoakReport(scenario, pool, database, startedAt, capacity, analysis.runs(), analysis.reference(),
                analysis.comparison(), analysis.verdict());
    }

    public Optional<RunAnalysis> run(Mode mode) {
        return runs.stream().filter(r -> r.mode().equals(mode)).findFirst();
    }

    /** The run a rule or a headline without a mode reads: the primary policy's, else the first run. */
    public RunAnalysis primaryRun() {
        return Comparison.primary(runs.stream().map(RunAnalysis::mode).toList()).flatMap(this::run)
                .orElse(runs.get(0));
    }

    public boolean valid() {
        return runs.stream().allMatch(RunAnalysis::valid);
    }
}
