package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.RunResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs of a soak that have finished so far, kept as they finish so that a soak stopped part-way
 * (Ctrl-C) can still report them. Thread-safe: the soak adds from its thread, a shutdown hook reads.
 */
public final class FinishedRuns {

    private final Map<SoakScenario, Rate> rates = new LinkedHashMap<>();

    /** The rate's setting, recorded with its first finished run. */
    private record Rate(SoakReport.PoolSummary pool, String database, Instant startedAt, Capacity capacity,
                        List<RunResult> runs) {
    }

    synchronized void add(SoakScenario scenario, SoakReport.PoolSummary pool, String database, Instant startedAt,
                          Capacity capacity, RunResult run) {
        rates.computeIfAbsent(scenario, s -> new Rate(pool, database, startedAt, capacity, new ArrayList<>()))
                .runs().add(run);
    }

    /** How many runs have finished, over every rate. */
    public synchronized int count() {
        return rates.values().stream().mapToInt(r -> r.runs().size()).sum();
    }

    /** Every finished run judged as a report (a rate with some of its modes only), or empty when none finished. */
    public synchronized Optional<SweepReport> report() {
        List<SoakReport> reports = new ArrayList<>();
        rates.forEach((scenario, rate) -> reports.add(SoakReport.of(scenario, rate.pool(), rate.database(),
                rate.startedAt(), rate.capacity(), List.copyOf(rate.runs()))));
        return reports.isEmpty() ? Optional.empty() : Optional.of(SweepReport.of(reports));
    }
}
