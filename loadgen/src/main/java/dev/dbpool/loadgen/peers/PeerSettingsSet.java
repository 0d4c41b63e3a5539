package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every peer's settings in one soak: the libraries' defaults, with the overrides given as
 * {@code NAME.KEY=VALUE} ({@code vegas.initialLimit=16}, {@code bulkhead.maxWaitDuration=50ms}).
 */
public final class PeerSettingsSet {

    public static final PeerSettingsSet DEFAULTS = new PeerSettingsSet(Map.of(Peer.VEGAS, VegasSettings.DEFAULTS,
            Peer.GRADIENT2, Gradient2Settings.DEFAULTS, Peer.BULKHEAD, BulkheadSettings.DEFAULTS));

    private final Map<Peer, PeerSettings> settings;

    private PeerSettingsSet(Map<Peer, PeerSettings> settings) {
        this.settings = new EnumMap<>(settings);
    }

    public PeerSettings of(Peer peer) {
        return settings.get(peer);
    }

    /**
     * The defaults with every override of {@code specs} applied in order.
     *
     * @param source the flag, for messages ({@code --peer})
     * @throws InvalidConfigException naming the flag, the text, and what it must be
     */
    public static PeerSettingsSet parse(List<String> specs, String source) {
        PeerSettingsSet set = DEFAULTS;
        for (String spec : specs) {
            set = set.with(spec, source);
        }
        for (PeerSettings s : set.settings.values()) {
            try {
                s.checkConsistent();
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(source + " " + s.peer().label() + ": " + e.getMessage());
            }
        }
        return set;
    }

    /** These settings with one {@code NAME.KEY=VALUE} override, not yet checked against each other. */
    private PeerSettingsSet with(String spec, String source) {
        String text = spec == null ? "" : spec.strip();
        int dot = text.indexOf('.');
        int eq = text.indexOf('=');
        if (dot < 1 || eq < dot + 2 || eq == text.length() - 1) {
            throw new InvalidConfigException(source + " must be NAME.KEY=VALUE with NAME one of " + Peer.labels()
                    + " (for example vegas.initialLimit=16), got '" + spec + "'");
        }
        String name = text.substring(0, dot);
        Peer peer = Peer.find(name).orElseThrow(() -> new InvalidConfigException(source + " " + text + ": no peer named '"
                + name + "'; the peers are " + Peer.labels()));
        String key = text.substring(dot + 1, eq).strip();
        String value = text.substring(eq + 1).strip();
        PeerSettings current = settings.get(peer);
        if (!current.keys().contains(key)) {
            throw new InvalidConfigException(source + " " + text + ": " + peer.label() + " takes "
                    + String.join(", ", current.keys()) + ", got '" + key + "'");
        }
        PeerSettings changed;
        try {
            changed = current.with(key, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(source + " " + text + ": " + e.getMessage() + ", got '" + value + "'");
        }
        Map<Peer, PeerSettings> copy = new EnumMap<>(settings);
        copy.put(peer, changed);
        return new PeerSettingsSet(copy);
    }

    /** Every key a peer takes, for help texts: {@code vegas.initialLimit, ...}. */
    public static String keys() {
        return Arrays.stream(Peer.values()).flatMap(p -> DEFAULTS.of(p).keys().stream().map(k -> p.label() + "." + k))
                .collect(Collectors.joining(", "));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerSettingsSet other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return settings.values().toString();
    }
}
