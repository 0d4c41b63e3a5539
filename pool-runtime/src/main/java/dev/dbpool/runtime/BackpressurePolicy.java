package dev.dbpool.runtime;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The admission policies {@link DbPool#acquireWithBackpressure(BackpressureConfig)} can apply; the
 * names are those of {@code DB_POOL_BACKPRESSURE_POLICY}, {@code dbpool soak --mode} and the docs.
 */
public enum BackpressurePolicy {
    /** The seed's rule: refuse when {@code active / max > threshold} at the moment of the request. */
    THRESHOLD,
    /** Shed on a standing queue (CoDel): wait ≤ interval while healthy, ≤ 2 × target while a queue stands. */
    CODEL,
    /** Refuse when the predicted wait exceeds the deadline, otherwise wait at most the deadline. */
    DEADLINE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every label, comma-separated, for messages. */
    public static String labels() {
        return Arrays.stream(values()).map(BackpressurePolicy::label).collect(Collectors.joining(", "));
    }

    /**
     * The policy named {@code label} (case-insensitive), else an {@link InvalidConfigException} that
     * names {@code source} (the variable or flag) and the value.
     */
    public static BackpressurePolicy parse(String label, String source) {
        String wanted = label == null ? "" : label.strip();
        for (BackpressurePolicy policy : values()) {
            if (policy.label().equalsIgnoreCase(wanted)) {
                return policy;
            }
        }
        throw new InvalidConfigException(source + " must be one of " + labels() + ", got '" + label + "'");
    }
}
