package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.loadgen.model.RequestGate;
import dev.dbpool.runtime.config.InvalidConfigException;
import io.github.resilience4j.bulkhead.BulkheadConfig;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code bulkhead}: a Resilience4j {@code SemaphoreBulkhead} admitting as many calls at once as the pool
 * has connections, each waiting for a permission up to {@code maxWaitDuration} (the library's default:
 * 0, refuse at once).
 *
 * @param maxConcurrentCalls calls at once; {@code null}: the pool's size
 * @param maxWaitDuration    how long a call waits for a permission ({@link BulkheadConfig#DEFAULT_MAX_WAIT_DURATION})
 */
public record BulkheadSettings(Integer maxConcurrentCalls, Duration maxWaitDuration) implements PeerSettings {

    public static final BulkheadSettings DEFAULTS = new BulkheadSettings(null, BulkheadConfig.DEFAULT_MAX_WAIT_DURATION);

    public BulkheadSettings {
        if (maxConcurrentCalls != null && maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("maxConcurrentCalls must be a positive integer");
        }
        if (maxWaitDuration == null || maxWaitDuration.isNegative()) {
            throw new IllegalArgumentException("maxWaitDuration must be a duration of 0 or more");
        }
    }

    @Override
    public Peer peer() {
        return Peer.BULKHEAD;
    }

    @Override
    public List<String> keys() {
        return List.of("maxConcurrentCalls", "maxWaitDuration");
    }

    @Override
    public BulkheadSettings with(String key, String value) {
        return switch (key) {
            case "maxConcurrentCalls" -> new BulkheadSettings(PeerSettings.positiveInt(key, value), maxWaitDuration);
            case "maxWaitDuration" -> new BulkheadSettings(maxConcurrentCalls, duration(key, value));
            default -> throw new IllegalArgumentException("bulkhead takes " + String.join(", ", keys()));
        };
    }

    @Override
    public String describe(int poolSize) {
        return String.format(Locale.ROOT, "bulkhead(SemaphoreBulkhead, maxConcurrentCalls=%d%s, maxWaitDuration=%s)",
                calls(poolSize), maxConcurrentCalls == null ? " (the pool's size)" : "",
                DurationText.format(maxWaitDuration));
    }

    @Override
    public RequestGate newGate(int poolSize) {
        return new BulkheadGate("dbpool-soak-bulkhead", BulkheadConfig.custom()
                .maxConcurrentCalls(calls(poolSize)).maxWaitDuration(maxWaitDuration).build());
    }

    private int calls(int poolSize) {
        return maxConcurrentCalls == null ? poolSize : maxConcurrentCalls;
    }

    private static Duration duration(String key, String value) {
        try {
            return DurationText.parse(key, value);
        } catch (InvalidConfigException e) {
            throw new IllegalArgumentException(key + " must be a duration such as 0ms or 50ms");
        }
    }
}
