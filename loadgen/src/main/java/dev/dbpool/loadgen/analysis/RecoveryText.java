package dev.dbpool.loadgen.analysis;

import java.util.Locale;

/**
 * A run's time to recover, worded one way wherever a report shows it: seconds after the last fault ended,
 * or "did not recover within the run" with the goodput it reached after the fault; "-" without a fault.
 */
public final class RecoveryText {

    private RecoveryText() {
    }

    /** {@code 4s}, {@code did not recover within the run (goodput 41.2% after the fault)}, or {@code -}. */
    public static String of(RunAnalysis run, boolean faults) {
        if (!faults) {
            return "-";
        }
        if (run.recovered()) {
            return String.format(Locale.ROOT, "%.0fs", run.timeToRecoverSeconds());
        }
        double after = run.phases().after().goodputRatio();
        return "did not recover within the run" + (Double.isFinite(after)
                ? String.format(Locale.ROOT, " (goodput %.1f%% after the fault)", after * 100) : "");
    }
}
