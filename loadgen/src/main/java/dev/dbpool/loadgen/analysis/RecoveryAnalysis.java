package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.Fault;
import dev.dbpool.loadgen.Outcome;
import dev.dbpool.loadgen.RecoveryTolerance;
import dev.dbpool.loadgen.engine.Window;
import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * Time to impact and time to recover from a run's 1 s windows (DESIGN §4).
 *
 * <p>The steady state is every window that ends before the first fault starts. A window is within
 * tolerance as {@link RecoveryTolerance} defines it. Time to impact is measured from the first fault's
 * start to the start of the first window, at or after it, that is out of tolerance. Time to recover
 * is measured from the end of the last fault to the start of the first of
 * {@link RecoveryTolerance#consecutiveWindows()} consecutive windows within tolerance, all of them
 * inside the run; when the run ends first it is {@code null}: never capped, never guessed.
 */
public final class RecoveryAnalysis {

    private RecoveryAnalysis() {
    }

    /**
     * @param windows the measured run's windows, second 0 first (drain windows after the run excluded)
     * @param faults  the scenario's faults, sorted by start; when empty there is nothing to measure
     */
    public static Recovery analyze(List<Window> windows, List<Fault> faults, RecoveryTolerance tolerance) {
        double steadyEnd = faults.isEmpty() ? windows.size() : seconds(faults.get(0).start().toNanos());
        long offered = 0;
        long succeeded = 0;
        double utilization = 0;
        int steadyCount = 0;
        double worstRatio = Double.POSITIVE_INFINITY;
        double worstP99 = 0;
        Histogram latency = new Histogram(3);
        for (Window w : windows) {
            if (w.second() + 1 > steadyEnd || w.offered() == 0) {
                continue;
            }
            offered += w.offered();
            succeeded += w.count(Outcome.SUCCEEDED);
            utilization += w.utilizationMean();
            latency.add(w.latencyMicros());
            worstRatio = Math.min(worstRatio, w.successRatio());
            if (w.latencyMicros().getTotalCount() > 0) {
                worstP99 = Math.max(worstP99, w.latencyMillis(99));
            }
            steadyCount++;
        }
        if (steadyCount == 0 || latency.getTotalCount() == 0) {
            return new Recovery(null, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double ratio = (double) succeeded / offered;
        double p99 = latency.getValueAtPercentile(99) / 1000.0;
        double floor = Math.min(ratio - tolerance.successRatioDrop(), worstRatio);
        double ceiling = Math.max(Math.max(p99 * tolerance.p99Factor(),
                p99 + tolerance.p99Slack().toNanos() / 1e6), worstP99);
        double meanUtilization = utilization / steadyCount;
        if (faults.isEmpty()) {
            return new Recovery(null, null, ratio, p99, floor, ceiling, meanUtilization);
        }

        double faultStart = seconds(faults.get(0).start().toNanos());
        double faultEnd = faults.stream().mapToDouble(f -> seconds(f.end().toNanos())).max().orElseThrow();
        Double impact = null;
        for (Window w : windows) {
            if (w.second() + 1 > faultStart && !healthy(w, floor, ceiling)) {
                impact = Math.max(0.0, w.second() - faultStart);
                break;
            }
        }
        Double recover = null;
        int needed = tolerance.consecutiveWindows();
        int run = 0;
        for (Window w : windows) {
            if (w.second() < faultEnd) {
                continue;
            }
            run = healthy(w, floor, ceiling) ? run + 1 : 0;
            if (run == needed) {
                recover = Math.max(0.0, w.second() - (needed - 1) - faultEnd);
                break;
            }
        }
        return new Recovery(impact, recover, ratio, p99, floor, ceiling, meanUtilization);
    }

    /** Within tolerance: enough of what was due succeeded, and what finished was not slow. */
    static boolean healthy(Window w, double floor, double ceilingMillis) {
        if (w.offered() == 0 || w.latencyMicros().getTotalCount() == 0) {
            return false;
        }
        return w.successRatio() >= floor && w.latencyMillis(99) <= ceilingMillis;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
