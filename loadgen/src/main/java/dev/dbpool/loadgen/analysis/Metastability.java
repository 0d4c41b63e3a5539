package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Window;

import java.util.List;

/**
 * Whether a run was left in a metastable state: a failure that outlives its trigger, typically because
 * the retries and the backlog the fault built keep the service overloaded once the fault is gone.
 *
 * <p>Precisely: take the run's own steady goodput ratio (its median 1 s cohort before the first fault,
 * {@link Recovery#steadyGoodputRatio()}). The run is <em>metastable</em> when each of the
 * {@value #WINDOW_SECONDS} cohorts that start at or after the end of the last fault (the first whole
 * seconds after it) has a goodput ratio below {@value #LEVEL} × that steady ratio: for 10 s after every
 * fault had ended, fewer than half as many requests as usual got a good answer. {@code null} when it
 * cannot be told: the run ends less than 10 s after its last fault, or it had no steady goodput;
 * {@code false} without a fault.
 *
 * @param metastable  the verdict, or {@code null} when it cannot be told
 * @param lowSeconds  cohorts in a row, from the end of the last fault, with goodput below the level
 *                    (up to the end of the run)
 * @param untilTheEnd whether goodput never came back above the level before the run ended
 * @param level       the goodput ratio a cohort must reach not to count as low: LEVEL × steady
 */
public record Metastability(Boolean metastable, int lowSeconds, boolean untilTheEnd, double level) {

    public static final int WINDOW_SECONDS = 10;
    public static final double LEVEL = 0.5;
    public static final Metastability NO_FAULT = new Metastability(false, 0, false, Double.NaN);

    public static Metastability of(RunAnalysis run, List<Fault> faults) {
        return of(run.windows(), faults, run.recovery().steadyGoodputRatio());
    }

    public static Metastability of(List<Window> windows, List<Fault> faults, double steadyGoodputRatio) {
        if (faults.isEmpty()) {
            return NO_FAULT;
        }
        long endNanos = faults.stream().mapToLong(f -> f.end().toNanos()).max().orElseThrow();
        int first = (int) ((endNanos + 999_999_999L) / 1_000_000_000L);
        double level = LEVEL * steadyGoodputRatio;
        int low = 0;
        boolean untilTheEnd = true;
        for (Window w : windows) {
            if (w.second() < first) {
                continue;
            }
            if (w.offered() > 0 && !(w.goodputRatio() < level)) {
                untilTheEnd = false;
                break;
            }
            low++;
        }
        int after = (int) windows.stream().filter(w -> w.second() >= first).count();
        Boolean verdict;
        if (!(steadyGoodputRatio > 0)) {
            verdict = null;
        } else if (low >= WINDOW_SECONDS) {
            verdict = true;
        } else if (after < WINDOW_SECONDS && untilTheEnd) {
            verdict = null;    // low until the run ended, but the run ended too soon to tell
        } else {
            verdict = false;
        }
        return new Metastability(verdict, low, untilTheEnd && after > 0, level);
    }
}
