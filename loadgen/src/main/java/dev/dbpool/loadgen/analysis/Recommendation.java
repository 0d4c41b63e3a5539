package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one sentence a soak's reader acts on: which mode to run, by the share of offered requests it
 * answered in time (goodput), against waiting or the runner-up. The default policy is kept unless
 * another mode answered clearly more ({@link #MARGIN}): a difference within a run's noise is no reason
 * to change a setting.
 */
public final class Recommendation {

    /** Goodput ratios closer than this (half a percentage point) count as equal. */
    static final double MARGIN = 0.005;

    private Recommendation() {
    }

    /**
     * {@code keep codel, the default: 80.0% of offered answered in time, against 43.4% waiting}; empty with
     * fewer than two runs or an invalid one (no verdict).
     */
    public static Optional<String> of(List<RunAnalysis> runs) {
        if (runs.size() < 2 || runs.stream().anyMatch(r -> !r.valid())) {
            return Optional.empty();
        }
        RunAnalysis best = runs.stream().max(Comparator.comparingDouble(Recommendation::ratio)).orElseThrow();
        Optional<RunAnalysis> byDefault = runs.stream().filter(r -> r.mode().isDefaultPolicy()).findFirst();
        if (byDefault.isPresent() && ratio(best) - ratio(byDefault.get()) <= MARGIN) {
            best = byDefault.get();
        }
        RunAnalysis chosen = best;
        List<RunAnalysis> others = runs.stream().filter(r -> r != chosen).toList();
        Optional<RunAnalysis> wait = others.stream().filter(r -> r.mode().isWait()).findFirst();
        Optional<RunAnalysis> otherDefault = others.stream().filter(r -> r.mode().isDefaultPolicy()).findFirst();
        // The default against waiting; any other choice against the default it would replace.
        RunAnalysis against = (chosen.mode().isDefaultPolicy() ? wait : otherDefault.or(() -> wait))
                .orElseGet(() -> others.stream().max(Comparator.comparingDouble(Recommendation::ratio)).orElseThrow());
        return Optional.of(action(chosen.mode()) + ": " + percent(ratio(chosen)) + " of offered answered in time, against "
                + percent(ratio(against)) + " " + with(against.mode()));
    }

    private static String action(Mode mode) {
        if (mode.isDefaultPolicy()) {
            return "keep " + mode.label() + ", the default";
        }
        if (mode.isWait()) {
            return "waiting answered most: no admission policy helped on this soak";
        }
        if (mode instanceof Mode.PeerGate) {
            return "consider " + mode.label() + " (a peer library around a waiting pool)";
        }
        return "switch to " + mode.label() + " (DB_POOL_BACKPRESSURE_POLICY=" + mode.label() + ")";
    }

    private static String with(Mode mode) {
        if (mode.isWait()) {
            return "waiting";
        }
        return "with " + mode.label() + (mode.isDefaultPolicy() ? ", the default" : "");
    }

    private static double ratio(RunAnalysis run) {
        double r = run.goodputRatio();
        return Double.isFinite(r) ? r : 0.0;
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }
}
