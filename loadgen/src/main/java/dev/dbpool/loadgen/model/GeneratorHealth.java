package dev.dbpool.loadgen.model;

import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * Whether the generator kept to its schedule. A run is valid when no intended start was dropped and
 * no more than 1% of them went out more than {@link #MAX_LAG_P99} late (the dispatcher's p99 lag):
 * beyond that the offered load was not the scenario's (arrivals bunched up behind a stalled
 * dispatcher), and any verdict would be about the generator, not the pool. Latency is measured from
 * the intended start either way, so a late dispatch never hides a slow request.
 *
 * @param dispatched intended starts handed to a request thread (or its queue)
 * @param dropped    intended starts that could not be handed over
 */
public record GeneratorHealth(long dispatched, long dropped, double lagP50Millis, double lagP99Millis,
                              double lagMaxMillis) {

    /**
     * Generous on purpose: it flags a generator that cannot keep up (its lag then grows to seconds), not
     * a shared machine's scheduling jitter, which reaches tens of milliseconds on 2 busy cores.
     */
    public static final Duration MAX_LAG_P99 = Duration.ofMillis(100);

    public static GeneratorHealth of(long dispatched, long dropped, Histogram lagMicros) {
        boolean empty = lagMicros.getTotalCount() == 0;
        return new GeneratorHealth(dispatched, dropped,
                empty ? 0 : lagMicros.getValueAtPercentile(50) / 1000.0,
                empty ? 0 : lagMicros.getValueAtPercentile(99) / 1000.0,
                empty ? 0 : lagMicros.getMaxValue() / 1000.0);
    }

    public boolean valid() {
        return dropped == 0 && lagP99Millis <= MAX_LAG_P99.toNanos() / 1e6;
    }

    /** Why the run is invalid, or an empty string. */
    public String problem() {
        if (dropped > 0) {
            return dropped + " intended starts dropped (the service's queue was full)";
        }
        if (!valid()) {
            return String.format(java.util.Locale.ROOT, "the generator fell behind its schedule: p99 lag %.1f ms > %d ms",
                    lagP99Millis, MAX_LAG_P99.toMillis());
        }
        return "";
    }
}
