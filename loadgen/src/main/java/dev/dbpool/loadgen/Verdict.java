package dev.dbpool.loadgen;

import java.util.List;
import java.util.Locale;

/**
 * What the soak says in one sentence, and whether the original design's claims held on this run:
 * cascading (timed-out) failures −90%, time to recover −83% (30 min → 5 min).
 *
 * @param valid          false when a run's generator fell behind: then there is no verdict
 * @param timedOutClaim  timed-out requests at least 90% fewer with backpressure; {@code null} without both modes
 * @param ttrClaim       time to recover at least 83% shorter with backpressure; {@code null} without both modes
 */
public record Verdict(boolean valid, Boolean timedOutClaim, Boolean ttrClaim, String summary) {

    public static final double TIMED_OUT_CLAIM = 0.90;
    public static final double TTR_CLAIM = 0.83;

    public static Verdict of(List<RunResult> runs, Comparison comparison) {
        for (RunResult run : runs) {
            if (!run.valid()) {
                return new Verdict(false, null, null, "INVALID: the " + run.mode().label() + " run is not valid ("
                        + run.generator().problem() + "); no verdict. Run on a less busy machine or lower --rate.");
            }
        }
        if (comparison == null) {
            RunResult run = runs.get(0);
            String recovery = run.recovery().timeToImpactSeconds() == null && run.timeToRecoverSeconds() != null
                    ? "took the faults without leaving tolerance"
                    : run.recovered() ? "recovered " + seconds(run.timeToRecoverSeconds()) + " after the last fault"
                    : "did not recover before the end of the run";
            return new Verdict(true, null, null, String.format(Locale.ROOT, "%s mode: %s, %d timed out, %d rejected.",
                    run.mode().label(), recovery, run.timedOut(), run.rejected()));
        }
        Boolean timedOut = comparison.timedOutReduction() == null ? null
                : comparison.timedOutReduction() >= TIMED_OUT_CLAIM;
        Boolean ttr = comparison.ttrReduction() == null ? null : comparison.ttrReduction() >= TTR_CLAIM;
        RunResult bp = runs.stream().filter(r -> r.mode() == Mode.BACKPRESSURE).findFirst().orElseThrow();
        RunResult wait = runs.stream().filter(r -> r.mode() == Mode.WAIT).findFirst().orElseThrow();
        StringBuilder s = new StringBuilder("backpressure ");
        if (comparison.timedOutReduction() == null) {
            s.append("had ").append(bp.timedOut()).append(" timed-out requests; wait mode had none to cut");
        } else {
            s.append(String.format(Locale.ROOT, "cut timed-out requests by %s (%,d → %,d)",
                    percent(comparison.timedOutReduction()), wait.timedOut(), bp.timedOut()));
        }
        s.append(" and ");
        if (comparison.ttrReduction() == null) {
            s.append(bp.recovered() ? "time to recover could not be compared" : "did not recover before the end of the run");
        } else {
            s.append(String.format(Locale.ROOT, "time to recover by %s (%s → %s)", percent(comparison.ttrReduction()),
                    wait.recovered() ? seconds(wait.timeToRecoverSeconds()) : "never", seconds(bp.timeToRecoverSeconds())));
        }
        s.append(". Claims (−90% timed out, −83% time to recover): ")
                .append(claim(timedOut)).append(", ").append(claim(ttr)).append('.');
        return new Verdict(true, timedOut, ttr, s.toString());
    }

    private static String claim(Boolean held) {
        return held == null ? "n/a" : held ? "held" : "not held";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    static String seconds(Double s) {
        return s == null ? "never" : String.format(Locale.ROOT, "%.0fs", s);
    }
}
