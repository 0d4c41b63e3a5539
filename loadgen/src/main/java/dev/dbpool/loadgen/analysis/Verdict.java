package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the soak concludes, decided on goodput, and for every policy whether the claims held on this
 * soak: the original design's (timed-out requests −90%, time to recover −83%, both against wait) and
 * "goodput at least wait's". A claim that cannot be shown (a {@code null} comparison) is "not held":
 * a null never counts in a policy's favour. Without a fault the two claims of the original design are
 * {@code null} ("n/a": nothing to recover from); the goodput claim is judged either way.
 *
 * @param valid   false when a run's generator fell behind: then there is no verdict
 * @param best    the mode with the most goodput; {@code null} without a verdict
 * @param primary the policy of the top-level comparison; {@code null} without one
 * @param claims  per policy, when a wait run is there to compare against
 */
public record Verdict(boolean valid, Mode best, Mode primary, Map<Mode, Claims> claims, String summary) {

    public static final double TIMED_OUT_CLAIM = 0.90;
    public static final double TTR_CLAIM = 0.83;
    /** The original design's two claims, in one line, for wherever they are judged. */
    public static final String CLAIMS = "through a database fault, a policy cuts waiting's timed-out requests by 90% "
            + "and its time to recover by 83%";

    /**
     * @param timedOut timed-out requests at least 90% fewer than wait's; {@code null} without a fault
     * @param ttr      time to recover at least 83% shorter than wait's; {@code null} without a fault
     * @param goodput  goodput at least wait's
     */
    public record Claims(Boolean timedOut, Boolean ttr, boolean goodput) {

        static Claims of(Comparison.ModeComparison c, RunAnalysis policy, RunAnalysis wait, boolean faults) {
            Boolean timedOut = faults ? held(c.timedOutReduction(), TIMED_OUT_CLAIM) : null;
            Boolean ttr = faults ? held(c.ttrReduction(), TTR_CLAIM) : null;
            return new Claims(timedOut, ttr, policy.goodput() >= wait.goodput());
        }

        private static boolean held(Double value, double claim) {
            return value != null && value >= claim;
        }

        /** Every claim that could be judged held. */
        public boolean allHeld() {
            return !Boolean.FALSE.equals(timedOut) && !Boolean.FALSE.equals(ttr) && goodput;
        }
    }

    public static Verdict of(List<RunAnalysis> runs, Comparison comparison, boolean faults) {
        for (RunAnalysis run : runs) {
            if (!run.valid()) {
                return new Verdict(false, null, null, Map.of(), "INVALID: the " + run.mode().label()
                        + " run is not valid (" + run.run().problem()
                        + "); no verdict. " + (run.run().generator().valid() ? "Fix the script's error and run again."
                        : "Run on a less busy machine or lower the rate."));
            }
        }
        RunAnalysis best = runs.stream().reduce((a, b) -> b.goodput() > a.goodput() ? b : a).orElseThrow();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Judged by goodput (answers within %s): most goodput %s, %s of offered.",
                seconds(runs.get(0).deadline().toNanos() / 1e9), best.mode().label(), percent(best.goodputRatio())));
        if (!faults) {
            s.append(" No fault injected: steady state only, so the original design's claims (" + CLAIMS
                    + ") do not apply.");
        }
        Optional<RunAnalysis> wait = runs.stream().filter(r -> r.mode().isWait()).findFirst();
        if (faults && comparison != null && wait.isPresent()) {
            // Explained once, where the per-policy lines below judge them.
            s.append(" The original design's claims: ").append(CLAIMS).append('.');
        }
        Optional<RunAnalysis> threshold = runs.stream()
                .filter(r -> r.mode().isThreshold()).findFirst();
        Map<Mode, Claims> claims = new LinkedHashMap<>();
        for (RunAnalysis run : runs) {
            if (run.mode().isWait()) {
                continue;
            }
            s.append('\n').append(run.mode().label()).append(run.mode().isDefaultPolicy() ? " (default)" : "")
                    .append(String.format(Locale.ROOT, ": goodput %,d (%s)", run.goodput(), percent(run.goodputRatio())));
            if (comparison == null || wait.isEmpty()) {
                s.append(String.format(Locale.ROOT, ", steady shed %s, %,d timed out, %s. No wait run to compare against.",
                        percent(run.steadyShedRatio()), run.run().timedOut(), recovery(run, faults)));
                continue;
            }
            RunAnalysis w = wait.get();
            Comparison.ModeComparison c = comparison.byMode().get(run.mode());
            Claims claim = Claims.of(c, run, w, faults);
            claims.put(run.mode(), claim);
            s.append(String.format(Locale.ROOT, " against wait's %,d (%s)", w.goodput(), gain(c.goodputGain())));
            if (threshold.isPresent() && threshold.get() != run) {
                RunAnalysis t = threshold.get();
                s.append(String.format(Locale.ROOT, " and threshold's %,d (%s)", t.goodput(),
                        gain(t.goodput() == 0 ? null : (double) run.goodput() / t.goodput())));
            }
            s.append(String.format(Locale.ROOT, "; steady shed %s; timed out %,d against %,d (%s)",
                    percent(run.steadyShedRatio()), run.run().timedOut(), w.run().timedOut(),
                    c.timedOutReduction() == null ? "wait had none to cut" : reduction(c.timedOutReduction())));
            if (faults) {
                s.append("; time to recover ").append(RecoveryText.of(run, true)).append(", wait's ")
                        .append(RecoveryText.of(w, true))
                        .append(c.ttrReduction() == null ? "" : " (" + reduction(c.ttrReduction()) + ")");
                s.append(". Claims: timed out −90% ").append(claim(claim.timedOut())).append(", time to recover −83% ")
                        .append(claim(claim.ttr())).append("; goodput ≥ wait's ").append(claim(claim.goodput())).append('.');
            } else {
                s.append(". Goodput ≥ wait's ").append(claim(claim.goodput())).append('.');
            }
        }
        if (runs.size() == 1 && runs.get(0).mode().isWait()) {
            RunAnalysis only = runs.get(0);
            s.append(String.format(Locale.ROOT, "\nwait: goodput %,d (%s), %,d timed out, %s.", only.goodput(),
                    percent(only.goodputRatio()), only.run().timedOut(), recovery(only, faults)));
        }
        return new Verdict(true, best.mode(), comparison == null ? null : comparison.policy(),
                Collections.unmodifiableMap(claims), s.toString());
    }

    /** The primary policy's claims, when there are any. */
    public Optional<Claims> primaryClaims() {
        return Optional.ofNullable(primary == null ? null : claims.get(primary));
    }

    public Boolean timedOutClaim() {
        return primaryClaims().map(Claims::timedOut).orElse(null);
    }

    public Boolean ttrClaim() {
        return primaryClaims().map(Claims::ttr).orElse(null);
    }

    public Boolean goodputClaim() {
        return primaryClaims().map(Claims::goodput).orElse(null);
    }

    private static String recovery(RunAnalysis run, boolean faults) {
        if (!faults) {
            return "no fault";
        }
        if (run.timeToImpactSeconds() == null && run.recovered()) {
            return "took the faults without leaving tolerance";
        }
        return run.recovered() ? "recovered " + RecoveryText.of(run, true) + " after the last fault"
                : RecoveryText.of(run, true);
    }

    static String claim(Boolean held) {
        return held == null ? "n/a" : held ? "held" : "not held";
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", fraction * 100) : "n/a";
    }

    static String reduction(double fraction) {
        return String.format(Locale.ROOT, "%+.0f%%", -fraction * 100).replace("+-", "-").replace("-", "−");
    }

    static String gain(Double gain) {
        return gain == null ? "wait had none" : String.format(Locale.ROOT, "×%.2f", gain);
    }

    static String seconds(Double s) {
        return s == null ? "never" : String.format(Locale.ROOT, "%.0fs", s);
    }

    /** The labels of the modes whose claims all held, for a one-line mention. */
    public String heldBy() {
        return claims.entrySet().stream().filter(e -> e.getValue().allHeld()).map(e -> e.getKey().label())
                .collect(Collectors.joining(", "));
    }
}
