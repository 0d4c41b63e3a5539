package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How a request gets its connection in one run: either one of the runtime's admission settings
 * ({@link RuntimeAdmission}: {@link #WAIT}, plain HikariCP waiting up to the acquire timeout, or a
 * policy by its name), or a peer library's gate around a plainly waiting pool ({@link PeerGate}). A
 * mode is its name: the parameters of a policy or a peer are the scenario's.
 */
public sealed interface Mode permits Mode.RuntimeAdmission, Mode.PeerGate {

    Mode WAIT = new RuntimeAdmission("wait");
    Mode THRESHOLD = new RuntimeAdmission(ThresholdSettings.NAME);
    /** The policy a pool gets by default. */
    Mode DEFAULT_POLICY = new RuntimeAdmission(Admission.DEFAULT_NAME);
    /** Another name of the threshold policy's mode, kept on {@code --mode} and {@code --fail-on}. */
    String BACKPRESSURE_ALIAS = "backpressure";
    /** {@code --mode both}: waiting and the threshold rule, the two modes of the original design. */
    String BOTH_ALIAS = "both";

    /**
     * The runtime's own admission.
     *
     * @param label {@code wait}, or a policy's name ({@code threshold}, {@code codel})
     */
    record RuntimeAdmission(String label) implements Mode {

        public RuntimeAdmission {
            Objects.requireNonNull(label, "label");
        }

        @Override
        public Optional<String> policy() {
            return label.equals("wait") ? Optional.empty() : Optional.of(label);
        }

        @Override
        public Optional<Peer> gate() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** A peer library's limiter around each request's use of a plainly waiting pool. */
    record PeerGate(Peer peer) implements Mode {

        public PeerGate {
            Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String label() {
            return peer.label();
        }

        @Override
        public Optional<String> policy() {
            return Optional.empty();
        }

        @Override
        public Optional<Peer> gate() {
            return Optional.of(peer);
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** {@code wait}, {@code threshold}, {@code codel}, {@code vegas}, ...: the name in reports and flags. */
    String label();

    /** The name of the runtime policy the run's pool applies; empty for plain waiting, which a peer's gate also wraps. */
    Optional<String> policy();

    /** The peer library whose gate wraps each request, when there is one. */
    Optional<Peer> gate();

    /** The mode called {@code name}: wait, one of the runtime's policies or a peer. */
    static Mode of(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("no such mode: " + name));
    }

    static Mode of(Peer peer) {
        return new PeerGate(peer);
    }

    /** Plain waiting, with no gate around it. */
    default boolean isWait() {
        return equals(WAIT);
    }

    default boolean isThreshold() {
        return equals(THRESHOLD);
    }

    /** Whether this is the policy a pool gets by default. */
    default boolean isDefaultPolicy() {
        return equals(DEFAULT_POLICY);
    }

    /** What {@code dbpool soak} runs without {@code --mode}: wait, threshold and the default policy, in that order. */
    static List<Mode> defaults() {
        return List.copyOf(new LinkedHashSet<>(List.of(WAIT, THRESHOLD, DEFAULT_POLICY)));
    }

    /** Every mode: wait, each of the runtime's policies, each peer. */
    static List<Mode> all() {
        return Stream.of(Stream.of(WAIT), policyNames().map(RuntimeAdmission::new),
                Arrays.stream(Peer.values()).map(PeerGate::new)).flatMap(s -> s).map(Mode.class::cast).toList();
    }

    /** {@code wait, codel, threshold (alias backpressure), vegas, gradient2, bulkhead}, for messages. */
    static String labels() {
        return all().stream()
                .map(m -> m.isThreshold() ? m.label() + " (alias " + BACKPRESSURE_ALIAS + ")" : m.label())
                .collect(Collectors.joining(", "));
    }

    /** One mode by name ({@code backpressure} is {@code threshold}), when there is one. */
    static Optional<Mode> find(String label) {
        String s = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        if (s.equals(BACKPRESSURE_ALIAS)) {
            return Optional.of(THRESHOLD);
        }
        return all().stream().filter(m -> m.label().equals(s)).findFirst();
    }

    /**
     * A comma list of modes ({@code wait,threshold,codel,vegas}; {@code both} is {@code wait,threshold}), in
     * the order given, each once.
     *
     * @param source what the list is called in the message: {@code modes must be ..., got 'x' in 'wait,x'}
     * @throws InvalidConfigException naming the source, the bad name and the whole value
     */
    static List<Mode> parseList(String text, String source) {
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
}
