package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.LatencySummary;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RecoveryTolerance;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Tick;
import dev.dbpool.loadgen.model.Window;

import java.time.Duration;
import java.util.List;

/**
 * What one run is judged by: its cohorts, goodput, phases, steady shedding and recovery against the
 * soak's reference. Built after every run of the soak is over.
 *
 * @param windows           the 1 s cohorts by intended start
 * @param total             every measured request
 * @param steadyShedRatio   rejected / offered among requests due before the first fault (the whole run
 *                          without a fault); {@code NaN} when none was due
 * @param steadyUtilization mean pool utilization over the seconds before the first fault
 * @param capacity          the pool's capacity, measured before the runs (or unknown)
 * @param ofLimit           goodput against min(offered, capacity) outside the faults
 */
public record RunAnalysis(RunResult run, Duration deadline, List<Window> windows, Tally total, Phases phases,
                          double steadyShedRatio, double steadyUtilization, Recovery recovery, Capacity capacity,
                          GoodputOfLimit ofLimit) {

    /** The cohorts of one run, and its own steady state as a candidate for the soak's reference. */
    static List<Window> windows(RunResult run, long durationNanos, Duration deadline) {
        return Cohorts.windows(run.requests(), durationNanos, deadline);
    }

    static RunAnalysis of(RunResult run, List<Window> windows, List<Fault> faults, long durationNanos,
                          Duration deadline, RecoveryTolerance tolerance, Reference reference, Capacity capacity) {
        Phases phases = Phases.of(run.requests(), faults, durationNanos, deadline);
        double steadyEnd = faults.isEmpty() ? durationNanos / 1e9 : faults.get(0).start().toNanos() / 1e9;
        double utilization = run.ticks().stream().filter(t -> t.second() + 1 <= steadyEnd)
                .mapToDouble(Tick::utilizationMean).average().orElse(Double.NaN);
        return new RunAnalysis(run, deadline, windows, phases.total(), phases, phases.before().shedRatio(),
                utilization, RecoveryAnalysis.analyze(windows, faults, tolerance, reference), capacity,
                GoodputOfLimit.of(windows, faults, capacity));
    }

    /** goodput / Σ min(offered, capacity) outside the faults; {@code NaN} without a measured capacity. */
    public double goodputOfLimit() {
        return ofLimit.ratio();
    }

    /** Per workload script, its share of the run; empty for the built-in workload. */
    public List<ScriptFigures> scripts() {
        return ScriptFigures.of(run, deadline);
    }

    public Mode mode() {
        return run.mode();
    }

    public boolean valid() {
        return run.valid();
    }

    public long offered() {
        return run.offered();
    }

    public long succeeded() {
        return run.succeeded();
    }

    public long rejected() {
        return run.rejected();
    }

    public long timedOut() {
        return run.timedOut();
    }

    public long errors() {
        return run.errors();
    }

    public double maxUtilization() {
        return run.maxUtilization();
    }

    public LatencySummary latency() {
        return run.latency();
    }

    public long goodput() {
        return total.goodput();
    }

    public long late() {
        return total.late();
    }

    /** goodput / offered; {@code NaN} when nothing was offered. */
    public double goodputRatio() {
        return total.goodputRatio();
    }

    public Double timeToImpactSeconds() {
        return recovery.timeToImpactSeconds();
    }

    public Double timeToRecoverSeconds() {
        return recovery.timeToRecoverSeconds();
    }

    public boolean recovered() {
        return recovery.recovered();
    }
}
