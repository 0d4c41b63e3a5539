package dev.dbpool.loadgen.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The libraries a team would put around its pool instead of dbpool's admission: each a soak mode that
 * gates every request's use of a plainly waiting pool. Their settings are {@code peers.PeerSettings}.
 */
public enum Peer {
    /** Netflix concurrency-limits {@code SimpleLimiter} with {@code VegasLimit}. */
    VEGAS("vegas", "Netflix concurrency-limits SimpleLimiter + VegasLimit"),
    /** Netflix concurrency-limits {@code SimpleLimiter} with {@code Gradient2Limit}. */
    GRADIENT2("gradient2", "Netflix concurrency-limits SimpleLimiter + Gradient2Limit"),
    /** Resilience4j {@code SemaphoreBulkhead}. */
    BULKHEAD("bulkhead", "Resilience4j SemaphoreBulkhead");

    private final String label;
    private final String library;

    Peer(String label, String library) {
        this.label = label;
        this.library = library;
    }

    /** The name on {@code --mode}, in reports and in {@code --peer NAME.KEY=VALUE}. */
    public String label() {
        return label;
    }

    /** What it is, for people: the library and its classes. */
    public String library() {
        return library;
    }

    public static Optional<Peer> find(String label) {
        String wanted = label == null ? "" : label.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst();
    }

    /** {@code vegas, gradient2, bulkhead}, for messages. */
    public static String labels() {
        return Arrays.stream(values()).map(Peer::label).collect(Collectors.joining(", "));
    }
}
