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
import java.util.stream.Stream;

/**
 * How a request gets its connection in one run: either one of the runtime's admission settings
 * ({@link RuntimeAdmission}: {@link #WAIT}, plain HikariCP waiting up to the acquire timeout, or a
 * policy), or a peer library's gate around a plainly waiting pool ({@link PeerGate}). A mode is its
 * name: the parameters of a policy or a peer are the scenario's.
 */
public sealed interface Mode permits Mode.RuntimeAdmission, Mode.PeerGate {

    Mode WAIT = new RuntimeAdmission(null);
    Mode THRESHOLD = new RuntimeAdmission(BackpressurePolicy.THRESHOLD);
    /** The old name of the threshold policy's mode, kept on {@code --mode} and {@code --fail-on}. */
    String BACKPRESSURE_ALIAS = "backpressure";
    /** {@code --mode both}: the two modes of the first design. */
    String BOTH_ALIAS = "both";

    /**
     * The runtime's own admission.
     *
     * @param policy the admission policy; {@code null} for plain waiting ({@link #WAIT})
     */
    record RuntimeAdmission(BackpressurePolicy policy) implements Mode {

        @Override
        public String label() {
            return policy == null ? "wait" : policy.label();
        }

        @Override
        public Optional<BackpressurePolicy> admission() {
            return Optional.ofNullable(policy);
        }

        @Override
        public Optional<Peer> gate() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return label();
        }
    }

    /** A peer library's limiter around each request's use of a plainly waiting pool. */
    record PeerGate(Peer peer) implements Mode {

        public PeerGate {
            java.util.Objects.requireNonNull(peer, "peer");
        }

        @Override
        public String label() {
            return peer.label();
        }

        @Override
        public Optional<BackpressurePolicy> admission() {
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

    /** The runtime policy the run's pool applies; empty for plain waiting, which a peer's gate also wraps. */
    Optional<BackpressurePolicy> admission();

    /** The peer library whose gate wraps each request, when there is one. */
    Optional<Peer> gate();

    static Mode of(BackpressurePolicy policy) {
        return new RuntimeAdmission(policy);
    }

    static Mode of(Peer peer) {
        return new PeerGate(peer);
    }

    /** Plain waiting, with no gate around it. */
    default boolean isWait() {
        return equals(WAIT);
    }

    /** Whether this is the policy {@link BackpressureConfig#ofDefaults()} applies. */
    default boolean isDefaultPolicy() {
        return admission().filter(p -> p == BackpressureConfig.DEFAULT_POLICY).isPresent();
    }

    /** What {@code dbpool soak} runs without {@code --mode}: wait, threshold and the default policy, in that order. */
    static List<Mode> defaults() {
        Set<Mode> modes = new LinkedHashSet<>();
        modes.add(WAIT);
        modes.add(THRESHOLD);
        modes.add(of(BackpressureConfig.DEFAULT_POLICY));
        return List.copyOf(modes);
    }

    /** Every mode: wait, every runtime policy, every peer. */
    static List<Mode> all() {
        return Stream.concat(Stream.concat(Stream.of(WAIT), Arrays.stream(BackpressurePolicy.values()).map(Mode::of)),
                Arrays.stream(Peer.values()).map(Mode::of)).toList();
    }

    /** {@code wait, threshold (alias backpressure), codel, deadline, vegas, gradient2, bulkhead}, for messages. */
    static String labels() {
        return all().stream().map(m -> m.equals(THRESHOLD) ? m.label() + " (alias " + BACKPRESSURE_ALIAS + ")" : m.label())
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
     * @param source the flag, for the message: {@code --mode must be ..., got 'x' in 'wait,x'}
     * @throws InvalidConfigException naming the flag, the bad name and the whole value
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
}
