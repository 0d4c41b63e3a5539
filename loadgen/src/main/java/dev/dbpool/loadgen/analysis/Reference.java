package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RecoveryTolerance;

/**
 * The one steady state every run of a soak is measured against: the best steady goodput ratio of the
 * runs (each run's median steady cohort; the best run's) and that run's steady p99. A policy that sheds
 * in steady state therefore cannot "recover" to its own degraded normal.
 *
 * @param from the run it was taken from; {@code null} when no run had a steady state
 */
public record Reference(double goodputRatio, double p99Millis, Mode from) {

    public static final Reference NONE = new Reference(Double.NaN, Double.NaN, null);

    /** The goodput ratio a cohort needs to be within tolerance. */
    public double goodputFloor(RecoveryTolerance tolerance) {
        return goodputRatio - tolerance.goodputRatioDrop();
    }

    /** The p99 a cohort may not exceed to be within tolerance. */
    public double p99Ceiling(RecoveryTolerance tolerance) {
        return Math.max(p99Millis * tolerance.p99Factor(), p99Millis + tolerance.p99Slack().toNanos() / 1e6);
    }

    /** The better of two: higher goodput ratio, then lower p99. */
    Reference best(Reference other) {
        if (Double.isNaN(goodputRatio)) {
            return other;
        }
        if (Double.isNaN(other.goodputRatio)) {
            return this;
        }
        if (other.goodputRatio != goodputRatio) {
            return other.goodputRatio > goodputRatio ? other : this;
        }
        return other.p99Millis < p99Millis ? other : this;
    }
}
