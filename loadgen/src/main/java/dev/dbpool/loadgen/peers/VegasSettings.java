package dev.dbpool.loadgen.peers;

import com.netflix.concurrency.limits.limit.VegasLimit;
import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.loadgen.model.RequestGate;

import java.util.List;
import java.util.Locale;

/**
 * {@code vegas}: {@code SimpleLimiter} with a {@code VegasLimit}, the delay-based limit the library's
 * README recommends on a server. Vegas estimates the queue from the growth of each request's time in the
 * gate over the lowest seen, and moves the limit by a step a sample.
 *
 * @param initialLimit   requests admitted at once before the first samples ({@code VegasLimit.Builder}'s default: 20)
 * @param maxConcurrency the limit's ceiling (default 1000)
 */
public record VegasSettings(int initialLimit, int maxConcurrency) implements PeerSettings {

    /** {@code VegasLimit.Builder}'s defaults in concurrency-limits 0.5.4. */
    public static final VegasSettings DEFAULTS = new VegasSettings(20, 1000);

    public VegasSettings {
        if (initialLimit < 1 || maxConcurrency < 1) {
            throw new IllegalArgumentException("initialLimit and maxConcurrency must be positive integers");
        }
    }

    @Override
    public void checkConsistent() {
        if (initialLimit > maxConcurrency) {
            throw new IllegalArgumentException("initialLimit (" + initialLimit + ") must not exceed maxConcurrency ("
                    + maxConcurrency + ")");
        }
    }

    @Override
    public Peer peer() {
        return Peer.VEGAS;
    }

    @Override
    public List<String> keys() {
        return List.of("initialLimit", "maxConcurrency");
    }

    @Override
    public VegasSettings with(String key, String value) {
        return switch (key) {
            case "initialLimit" -> new VegasSettings(PeerSettings.positiveInt(key, value), maxConcurrency);
            case "maxConcurrency" -> new VegasSettings(initialLimit, PeerSettings.positiveInt(key, value));
            default -> throw new IllegalArgumentException("vegas takes " + String.join(", ", keys()));
        };
    }

    @Override
    public String describe(int poolSize) {
        return String.format(Locale.ROOT, "vegas(SimpleLimiter + VegasLimit, initialLimit=%d, maxConcurrency=%d)",
                initialLimit, maxConcurrency);
    }

    @Override
    public RequestGate newGate(int poolSize) {
        return new LimiterGate("dbpool-soak-vegas",
                VegasLimit.newBuilder().initialLimit(initialLimit).maxConcurrency(maxConcurrency).build());
    }
}
