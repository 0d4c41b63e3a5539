package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a request gets its connection in one run: {@link #WAIT} (plain HikariCP, waiting up to the
 * acquire timeout) or one of the runtime's admission policies, by its name.
 *
 * @param label {@code wait}, or a policy's name ({@code threshold}, {@code codel})
 */
public record Mode(String label) {

    public static final Mode WAIT = new Mode("wait");
    /** Another name of the threshold policy's mode, kept on {@code --mode} and {@code --fail-on}. */
    public static final String BACKPRESSURE_ALIAS = "backpressure";
    /** {@code --mode both}: waiting and the threshold rule, the two modes of the original design. */
    public static final String BOTH_ALIAS = "both";
    public static final Mode THRESHOLD = new Mode(ThresholdSettings.NAME);
    /** The policy a pool gets by default. */
    public static final Mode DEFAULT_POLICY = new Mode(Admission.DEFAULT_NAME);

    /** The mode of the runtime's policy called {@code name}. */
    public static Mode of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no such mode: " + name));
    }

    public boolean isWait() {
        return this.equals(WAIT);
    }

    public boolean isThreshold() {
        return this.equals(THRESHOLD);
    }

    /** Whether this is the policy a pool gets by default. */
    public boolean isDefaultPolicy() {
        return this.equals(DEFAULT_POLICY);
    }

    /** What {@code dbpool soak} runs without {@code --mode}: wait, threshold and the default policy, in that order. */
    public static List<Mode> defaults() {
        return List.copyOf(new LinkedHashSet<>(List.of(WAIT, THRESHOLD, DEFAULT_POLICY)));
    }

    /** Every mode: wait, then each of the runtime's policies. */
    public static List<Mode> all() {
        return Stream.concat(Stream.of(WAIT), policyNames().map(Mode::new)).toList();
    }

    /** {@code wait, codel, threshold (alias backpressure)}, for messages. */
    public static String labels() {
        return all().stream()
                .map(m -> m.isThreshold() ? m.label + " (alias " + BACKPRESSURE_ALIAS + ")" : m.label)
                .collect(Collectors.joining(", "));
    }

    /** One mode by name ({@code backpressure} is {@code threshold}), when there is one. */
    public static Optional<Mode> find(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        if (s.equals(BACKPRESSURE_ALIAS)) {
            return Optional.of(THRESHOLD);
        }
        return all().stream().filter(m -> m.label.equals(s)).findFirst();
    }

    /**
     * A comma list of modes ({@code wait,threshold,codel}; {@code both} is {@code wait,threshold}), in the
     * order given, each once.
     *
     * @param source what the list is called in the message: {@code modes must be ..., got 'x' in 'wait,x'}
     * @throws InvalidConfigException naming the source, the bad name and the whole value
     */
    public static List<Mode> parseList(String text, String source) {
        Set<Mode> modes = new LinkedHashSet<>();
        String all = text == null ? "" : text;
        for (String part : all.split(",", -1)) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.equals(BOTH_ALIAS)) {
                modes.add(WAIT);
                modes.add(THRESHOLD);
                continue;
            }
            Mode mode = find(name).orElseThrow(() -> new InvalidConfigException(source + " must be a comma list of "
                    + labels() + " (or both = wait,threshold), got '" + part.strip() + "'"
                    + (all.contains(",") ? " in '" + all + "'" : "")));
            modes.add(mode);
        }
        return new ArrayList<>(modes);
    }

    /** The runtime's policies, {@code none} aside (that is {@link #WAIT}). */
    private static Stream<String> policyNames() {
        return Admission.names().stream().filter(n -> !Admission.isNone(Admission.named(n).orElseThrow()));
    }

    @Override
    public String toString() {
        return label;
    }
}
