package dev.dbpool.loadgen.model;

import java.util.List;
import java.util.Map;

/**
 * Which script each measured request of a run ran, and the errors each script met: the raw material of
 * the per-script figures.
 *
 * @param names            the scripts, in the order given
 * @param weights          their weights, in the same order
 * @param scriptOf         per measured request (as in {@link RequestLog}), the index of its script
 * @param errorsBySqlState per script, its requests' errors by SQLState ({@code none} without one)
 * @param scriptErrors     measured requests that failed with an error of the script's own (what
 *                         connection loss, classes 08 and 57, and the pool's refusals are not)
 * @param firstError       the first of those, as the server said it; {@code null} without one
 */
public record ScriptOutcomes(List<String> names, List<Integer> weights, byte[] scriptOf,
                             List<Map<String, Long>> errorsBySqlState, long scriptErrors, String firstError) {

    /** Above this share of the offered requests failing in their scripts, a run is not a measurement of the pool. */
    public static final double MAX_ERROR_RATIO = 0.05;

    public ScriptOutcomes {
        names = List.copyOf(names);
        weights = List.copyOf(weights);
        errorsBySqlState = List.copyOf(errorsBySqlState);
    }

    /** Whether more than {@link #MAX_ERROR_RATIO} of {@code offered} failed in their scripts. */
    public boolean tooManyErrors(long offered) {
        return offered > 0 && scriptErrors > MAX_ERROR_RATIO * offered;
    }

    /** Why the run is invalid for its scripts' errors, or an empty string. */
    public String problem(long offered) {
        if (!tooManyErrors(offered)) {
            return "";
        }
        return String.format(java.util.Locale.ROOT, "%,d of %,d requests (%.1f%%) failed with an error in their script, "
                + "more than %.0f%%; the first: %s", scriptErrors, offered, 100.0 * scriptErrors / offered,
                100 * MAX_ERROR_RATIO, firstError);
    }
}
