package dev.dbpool.loadgen.analysis;

/**
 * Impact and recovery of one run, in seconds.
 *
 * @param timeToImpactSeconds  from the first fault's start to the first window out of tolerance;
 *                             {@code null} when no window was (the fault did no visible harm)
 * @param timeToRecoverSeconds from the last fault's end to the first of the consecutive windows back
 *                             within tolerance; {@code null} when the run ended before that (never capped)
 * @param steadySuccessRatio   succeeded / offered over the steady-state windows
 * @param steadyP99Millis      p99 latency over the steady-state windows
 * @param successFloor         the success ratio a window needs to be within tolerance
 * @param p99CeilingMillis     the p99 a window may not exceed to be within tolerance
 * @param steadyUtilization    mean pool utilization over the steady-state windows
 */
public record Recovery(Double timeToImpactSeconds, Double timeToRecoverSeconds, double steadySuccessRatio,
                       double steadyP99Millis, double successFloor, double p99CeilingMillis,
                       double steadyUtilization) {

    public boolean recovered() {
        return timeToRecoverSeconds != null;
    }
}
