package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RecoveryTolerance;
import dev.dbpool.loadgen.model.Window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Time to impact and time to recover from a run's 1 s cohorts (DESIGN §4, "Judged by goodput").
 *
 * <p>A run's steady state is every cohort that ends before the first fault starts; its typical
 * cohort (the median goodput ratio and the median p99) is what {@link #steady} returns. All runs of a
 * soak are measured against one {@link Reference}, the best of them. A cohort is within tolerance as
 * {@link RecoveryTolerance} defines it. Time to impact is measured from the first fault's start to the
 * start of the first cohort, at or after it, that is out of tolerance. Time to recover is measured from
 * the end of the last fault to the start of the first of {@link RecoveryTolerance#consecutiveWindows()}
 * consecutive cohorts within tolerance, all inside the run; when the run ends first it is {@code null}:
 * never capped, never guessed.
 */
public final class RecoveryAnalysis {

    private RecoveryAnalysis() {
    }

    /** The run's own typical steady cohort, as a candidate reference. */
    public static Reference steady(List<Window> windows, List<Fault> faults, Mode mode) {
        List<Window> steady = steadyWindows(windows, faults);
        if (steady.isEmpty()) {
            return Reference.NONE;
        }
        return new Reference(median(steady.stream().map(Window::goodputRatio).toList()),
                median(steady.stream().map(RecoveryAnalysis::p99OrInfinity).toList()), mode);
    }

    /** The best steady state of several runs (one list of cohorts each). */
    public static Reference best(List<Reference> candidates) {
        Reference best = Reference.NONE;
        for (Reference r : candidates) {
            best = best.best(r);
        }
        return best;
    }

    /** Against the run's own steady state (a soak of one run). */
    public static Recovery analyze(List<Window> windows, List<Fault> faults, RecoveryTolerance tolerance) {
        return analyze(windows, faults, tolerance, steady(windows, faults, null));
    }

    /**
     * @param windows   the measured run's cohorts, second 0 first
     * @param faults    the scenario's faults, sorted by start; when empty there is nothing to measure
     * @param reference the soak's one steady state
     */
    public static Recovery analyze(List<Window> windows, List<Fault> faults, RecoveryTolerance tolerance,
                                   Reference reference) {
        List<Window> steady = steadyWindows(windows, faults);
        double ownGoodput = steady.isEmpty() ? Double.NaN : median(steady.stream().map(Window::goodputRatio).toList());
        double ownSuccess = steady.isEmpty() ? Double.NaN : median(steady.stream().map(Window::successRatio).toList());
        double ownP99 = steady.isEmpty() ? Double.NaN : median(steady.stream().map(RecoveryAnalysis::p99OrInfinity).toList());
        double floor = reference.goodputFloor(tolerance);
        double ceiling = reference.p99Ceiling(tolerance);
        if (faults.isEmpty() || Double.isNaN(reference.goodputRatio())) {
            return new Recovery(null, null, ownGoodput, ownSuccess, ownP99, floor, ceiling);
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
        return new Recovery(impact, recover, ownGoodput, ownSuccess, ownP99, floor, ceiling);
    }

    /** The cohorts that end before the first fault starts (all of them without a fault), with something due. */
    static List<Window> steadyWindows(List<Window> windows, List<Fault> faults) {
        double steadyEnd = faults.isEmpty() ? Double.POSITIVE_INFINITY : seconds(faults.get(0).start().toNanos());
        return windows.stream().filter(w -> w.second() + 1 <= steadyEnd && w.offered() > 0).toList();
    }

    /** Within tolerance: enough of what was due got a good answer, and what finished was not slow. */
    static boolean healthy(Window w, double floor, double ceilingMillis) {
        if (w.offered() == 0 || w.latencyMicros().getTotalCount() == 0) {
            return false;
        }
        return w.goodputRatio() >= floor && w.latencyMillis(99) <= ceilingMillis;
    }

    private static double p99OrInfinity(Window w) {
        return w.latencyMicros().getTotalCount() == 0 ? Double.POSITIVE_INFINITY : w.latencyMillis(99);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
