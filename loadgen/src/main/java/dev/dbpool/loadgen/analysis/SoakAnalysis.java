package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.RecoveryTolerance;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Window;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the runs of one soak together: cohorts per run, one reference for all (the best steady
 * goodput ratio), each run's goodput, phases and recovery against it, every policy against wait, and
 * the verdict.
 */
public record SoakAnalysis(List<RunAnalysis> runs, Reference reference, Comparison comparison, Verdict verdict) {

    /**
     * @param faults        the scenario's faults, sorted by start
     * @param durationNanos the measured length of each run
     * @param deadline      a request succeeded within it (from its intended start) is good, after it late
     * @param capacity      the pool's capacity, measured before the runs (or unknown)
     */
    public static SoakAnalysis of(List<RunResult> results, List<Fault> faults, long durationNanos, Duration deadline,
                                  RecoveryTolerance tolerance, Capacity capacity) {
        List<List<Window>> windows = new ArrayList<>();
        List<Reference> candidates = new ArrayList<>();
        for (RunResult r : results) {
            List<Window> w = RunAnalysis.windows(r, durationNanos, deadline);
            windows.add(w);
            candidates.add(RecoveryAnalysis.steady(w, faults, r.mode()));
        }
        Reference reference = RecoveryAnalysis.best(candidates);
        List<RunAnalysis> runs = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            runs.add(RunAnalysis.of(results.get(i), windows.get(i), faults, durationNanos, deadline, tolerance, reference,
                    capacity));
        }
        Comparison comparison = Comparison.of(runs);
        return new SoakAnalysis(List.copyOf(runs), reference, comparison, Verdict.of(runs, comparison, !faults.isEmpty()));
    }
}
