package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

/**
 * One mode at one offered rate: a point of the goodput-against-offered-load curve.
 *
 * @param goodputPerSecond good answers per second of the measured run
 * @param goodputRatio     goodput / offered
 * @param shedRatio        rejected / offered over the whole run
 * @param p99Millis        p99 latency of every finished request, from its intended start
 * @param goodputOfLimit   goodput / Σ min(offered, capacity) outside the faults; {@code NaN} without a capacity
 */
public record SweepPoint(double ratePerSecond, Mode mode, double goodputPerSecond, double goodputRatio, double shedRatio,
                         double p99Millis, boolean valid, double goodputOfLimit) {

    public static SweepPoint of(double ratePerSecond, RunAnalysis run, double durationSeconds) {
        return new SweepPoint(ratePerSecond, run.mode(), run.goodput() / durationSeconds, run.goodputRatio(),
                run.offered() == 0 ? Double.NaN : (double) run.rejected() / run.offered(), run.latency().p99(),
                run.valid(), run.goodputOfLimit());
    }

    /** Goodput against what the pool could answer: {@link #goodputOfLimit}, or against what was offered without a capacity. */
    public double againstLimit() {
        return Double.isFinite(goodputOfLimit) ? goodputOfLimit : goodputRatio;
    }
}
