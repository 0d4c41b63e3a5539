package dev.dbpool.loadgen.analysis;

/**
 * Impact and recovery of one run, in seconds, against the soak's {@link Reference}.
 *
 * @param timeToImpactSeconds  from the first fault's start to the first cohort out of tolerance;
 *                             {@code null} when none was (the fault did no visible harm)
 * @param timeToRecoverSeconds from the last fault's end to the first of the consecutive cohorts back
 *                             within tolerance; {@code null} when the run ended before that (never capped)
 * @param steadyGoodputRatio   this run's own typical (median) steady cohort: goodput / offered
 * @param steadySuccessRatio   the same for succeeded / offered
 * @param steadyP99Millis      p99 latency of this run's typical (median) steady cohort
 * @param goodputFloor         the goodput ratio a cohort needs to be within tolerance (from the reference)
 * @param p99CeilingMillis     the p99 a cohort may not exceed to be within tolerance (from the reference)
 */
public record Recovery(Double timeToImpactSeconds, Double timeToRecoverSeconds, double steadyGoodputRatio,
                       double steadySuccessRatio, double steadyP99Millis, double goodputFloor,
                       double p99CeilingMillis) {

    public boolean recovered() {
        return timeToRecoverSeconds != null;
    }
}
