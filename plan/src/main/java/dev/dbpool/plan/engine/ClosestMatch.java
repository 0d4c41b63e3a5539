package dev.dbpool.plan.engine;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" for a misspelt key or service name: the candidate with the smallest edit
 * distance, when it is close enough to be a plausible typo. Case, {@code -} and {@code _} are
 * ignored first, so {@code maxConnections} and {@code max-connections} find {@code max_connections}.
 */
public final class ClosestMatch {

    private ClosestMatch() {
    }

    public static Optional<String> among(String typed, Collection<String> candidates) {
        String wanted = normalize(typed);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = levenshtein(wanted, normalize(candidate));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        // A third of the word, at least 2 edits: "replics" → "replicas", but not "foo" → "hold_ms".
        int tolerance = Math.max(2, wanted.length() / 3);
        return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Classic two-row dynamic programme: insertions, deletions and substitutions cost 1. */
    static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
