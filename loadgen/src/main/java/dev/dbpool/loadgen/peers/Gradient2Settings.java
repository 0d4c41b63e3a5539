package dev.dbpool.loadgen.peers;

import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.loadgen.model.RequestGate;

import java.util.List;
import java.util.Locale;

/**
 * {@code gradient2}: {@code SimpleLimiter} with a {@code Gradient2Limit} inside a {@code WindowedLimit},
 * as the library's README sets up a server limiter (the window feeds the limit one sample per window
 * instead of one per request). Gradient2 compares a short and a long average of the time in the gate
 * and shrinks the limit when they diverge.
 *
 * @param initialLimit   the limit before the first samples ({@code Gradient2Limit.Builder}'s default: 20)
 * @param minLimit       the limit's floor (default 20)
 * @param maxConcurrency the limit's ceiling (default 200)
 * @param queueSize      the headroom added to the estimate (default 4)
 */
public record Gradient2Settings(int initialLimit, int minLimit, int maxConcurrency, int queueSize)
        implements PeerSettings {

    /** {@code Gradient2Limit.Builder}'s defaults in concurrency-limits 0.5.4. */
    public static final Gradient2Settings DEFAULTS = new Gradient2Settings(20, 20, 200, 4);

    public Gradient2Settings {
        if (initialLimit < 1 || minLimit < 1 || maxConcurrency < 1 || queueSize < 1) {
            throw new IllegalArgumentException("initialLimit, minLimit, maxConcurrency and queueSize must be "
                    + "positive integers");
        }
    }

    @Override
    public void checkConsistent() {
        if (!(minLimit <= initialLimit && initialLimit <= maxConcurrency)) {
            throw new IllegalArgumentException("minLimit (" + minLimit + ") <= initialLimit (" + initialLimit
                    + ") <= maxConcurrency (" + maxConcurrency + ") must hold");
        }
    }

    @Override
    public Peer peer() {
        return Peer.GRADIENT2;
    }

    @Override
    public List<String> keys() {
        return List.of("initialLimit", "minLimit", "maxConcurrency", "queueSize");
    }

    @Override
    public Gradient2Settings with(String key, String value) {
        return switch (key) {
            case "initialLimit" -> new Gradient2Settings(PeerSettings.positiveInt(key, value), minLimit, maxConcurrency, queueSize);
            case "minLimit" -> new Gradient2Settings(initialLimit, PeerSettings.positiveInt(key, value), maxConcurrency, queueSize);
            case "maxConcurrency" -> new Gradient2Settings(initialLimit, minLimit, PeerSettings.positiveInt(key, value), queueSize);
            case "queueSize" -> new Gradient2Settings(initialLimit, minLimit, maxConcurrency, PeerSettings.positiveInt(key, value));
            default -> throw new IllegalArgumentException("gradient2 takes " + String.join(", ", keys()));
        };
    }

    @Override
    public String describe(int poolSize) {
        return String.format(Locale.ROOT, "gradient2(SimpleLimiter + WindowedLimit(Gradient2Limit), initialLimit=%d, "
                + "minLimit=%d, maxConcurrency=%d, queueSize=%d)", initialLimit, minLimit, maxConcurrency, queueSize);
    }

    @Override
    public RequestGate newGate(int poolSize) {
        Gradient2Limit limit = Gradient2Limit.newBuilder().initialLimit(initialLimit).minLimit(minLimit)
                .maxConcurrency(maxConcurrency).queueSize(queueSize).build();
        return new LimiterGate("dbpool-soak-gradient2", WindowedLimit.newBuilder().build(limit));
    }
}
