package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.BackpressurePolicy;
import dev.dbpool.runtime.InvalidConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a request gets its connection in one run: {@link #WAIT} (plain HikariCP, {@code acquireWithMetrics},
 * waiting up to the acquire timeout) or one admission policy ({@code acquireWithBackpressure}).
 *
 * @param policy the admission policy; {@code null} for {@link #WAIT}
 */
public record Mode(BackpressurePolicy policy) {

    public static final Mode WAIT = new Mode(null);
    /** The old name of the threshold policy's mode, kept on {@code --mode} and {@code --fail-on}. */
    public static final String BACKPRESSURE_ALIAS = "backpressure";
    /** {@code --mode both}: the two modes of the first design. */
    public static final String BOTH_ALIAS = "both";

    public static Mode of(BackpressurePolicy policy) {
        return new Mode(policy);
    }

    public boolean isWait() {
        return policy == null;
    }

    public Optional<BackpressurePolicy> admission() {
        return Optional.ofNullable(policy);
    }

    /** {@code wait}, {@code threshold}, {@code codel}, {@code deadline}: the name in reports and flags. */
    public String label() {
        return policy == null ? "wait" : policy.label();
    }

    /** Whether this is the policy {@link BackpressureConfig#ofDefaults()} applies. */
    public boolean isDefaultPolicy() {
        return policy == BackpressureConfig.DEFAULT_POLICY;
    }

    /** What {@code dbpool soak} runs without {@code --mode}: wait, threshold and the default policy, in that order. */
    public static List<Mode> defaults() {
        Set<Mode> modes = new LinkedHashSet<>();
        modes.add(WAIT);
        modes.add(of(BackpressurePolicy.THRESHOLD));
        modes.add(of(BackpressureConfig.DEFAULT_POLICY));
        return List.copyOf(modes);
    }

    /** {@code wait, threshold (alias backpressure), codel, deadline}, for messages. */
    public static String labels() {
        return "wait, " + Arrays.stream(BackpressurePolicy.values())
                .map(p -> p == BackpressurePolicy.THRESHOLD ? p.label() + " (alias " + BACKPRESSURE_ALIAS + ")" : p.label())
                .collect(Collectors.joining(", "));
    }

    /** One mode by name ({@code backpressure} is {@code threshold}), when there is one. */
    public static Optional<Mode> find(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        if (s.equals("wait")) {
            return Optional.of(WAIT);
        }
        if (s.equals(BACKPRESSURE_ALIAS)) {
            return Optional.of(of(BackpressurePolicy.THRESHOLD));
        }
        return Arrays.stream(BackpressurePolicy.values()).filter(p -> p.label().equals(s)).findFirst().map(Mode::of);
    }

    /**
     * A comma list of modes ({@code wait,threshold,codel}; {@code both} is {@code wait,threshold}), in the
     * order given, each once.
     *
     * @param source the flag, for the message: {@code --mode must be ..., got 'x' in 'wait,x'}
     * @throws InvalidConfigException naming the flag, the bad name and the whole value
     */
    public static List<Mode> parseList(String text, String source) {
        Set<Mode> modes = new LinkedHashSet<>();
        String all = text == null ? "" : text;
        for (String part : all.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals(BOTH_ALIAS)) {
                modes.add(WAIT);
                modes.add(of(BackpressurePolicy.THRESHOLD));
                continue;
            }
            Mode mode = find(name).orElseThrow(() -> new InvalidConfigException(source + " must be a comma list of "
                    + labels() + " (or both = wait,threshold), got '" + part.strip() + "'"
                    + (all.contains(",") ? " in '" + all + "'" : "")));
            modes.add(mode);
        }
        return new ArrayList<>(modes);
    }

    @Override
    public String toString() {
        return label();
    }
}
