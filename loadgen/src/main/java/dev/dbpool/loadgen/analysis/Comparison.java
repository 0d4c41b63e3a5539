package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every policy against waiting. The top-level figures are those of the primary policy (the default
 * policy when it ran, else the first policy that did); {@link #byMode()} has every policy.
 *
 * @param policy the primary policy's mode
 */
public record Comparison(Mode policy, Double timedOutReduction, Double ttrReduction, Double goodputGain,
                         Map<Mode, ModeComparison> byMode) {

    /**
     * One policy against wait, as fractions: a reduction of 0.9 means 90% fewer; a gain of 1.2 means 20%
     * more goodput. {@code null} means not comparable, and the verdict counts it as "not held" for the
     * policy (never in its favour):
     * <ul>
     *   <li>{@code timedOutReduction}: null when wait had no timed-out request to cut;</li>
     *   <li>{@code ttrReduction}: 1.0 when only wait never recovered; null when the policy never
     *       recovered (whatever wait did), or when wait recovered at once and the policy did not;</li>
     *   <li>{@code goodputGain}: null when wait had no goodput (the goodput claim then compares the
     *       counts, which never needs a division).</li>
     * </ul>
     *
     * @param steadyShedRatio the policy's own steady shed ratio (wait sheds nothing)
     */
    public record ModeComparison(Double goodputGain, Double timedOutReduction, Double ttrReduction,
                                 double steadyShedRatio) {

        public static ModeComparison of(RunAnalysis policy, RunAnalysis wait) {
            Double timedOut = wait.run().timedOut() == 0 ? null
                    : 1.0 - (double) policy.run().timedOut() / wait.run().timedOut();
            Double p = policy.timeToRecoverSeconds();
            Double w = wait.timeToRecoverSeconds();
            Double ttr;
            if (p == null) {
                ttr = null;
            } else if (w == null) {
                ttr = 1.0;
            } else if (w == 0) {
                ttr = p == 0 ? 0.0 : null;
            } else {
                ttr = 1.0 - p / w;
            }
            Double gain = wait.goodput() == 0 ? null : (double) policy.goodput() / wait.goodput();
            return new ModeComparison(gain, timedOut, ttr, policy.steadyShedRatio());
        }
    }

    /** {@code null} without a wait run and at least one policy run. */
    public static Comparison of(List<RunAnalysis> runs) {
        Optional<RunAnalysis> wait = runs.stream().filter(r -> r.mode().isWait()).findFirst();
        Optional<Mode> primary = primary(runs.stream().map(RunAnalysis::mode).toList());
        if (wait.isEmpty() || primary.isEmpty()) {
            return null;
        }
        Map<Mode, ModeComparison> byMode = new LinkedHashMap<>();
        for (RunAnalysis r : runs) {
            if (!r.mode().isWait()) {
                byMode.put(r.mode(), ModeComparison.of(r, wait.get()));
            }
        }
        ModeComparison p = byMode.get(primary.get());
        return new Comparison(primary.get(), p.timedOutReduction(), p.ttrReduction(), p.goodputGain(),
                Collections.unmodifiableMap(byMode));
    }

    /** The policy the top-level comparison is about: the default policy when it ran, else the first policy. */
    public static Optional<Mode> primary(List<Mode> modes) {
        return modes.stream().filter(Mode::isDefaultPolicy).findFirst()
                .or(() -> modes.stream().filter(m -> !m.isWait()).findFirst());
    }
}
