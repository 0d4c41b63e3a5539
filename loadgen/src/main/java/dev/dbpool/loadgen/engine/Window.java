package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.Outcome;
import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * One second of a run: what was due to start in it, what finished in it (by outcome, with the
 * latency from each request's intended start), and how busy the pool and the service were.
 *
 * @param second          window index: covers [second, second + 1) s of the measured run
 * @param offered         intended starts that fell in this second
 * @param finished        requests that finished in this second, by outcome
 * @param latencyMicros   latency of every request that finished in it (all outcomes), µs
 * @param utilizationMean mean of the pool's active/max, sampled every 10 ms
 * @param utilizationMax  highest sample
 * @param queuedMax       most requests waiting for a request thread (the service's own backlog)
 * @param pendingMax      most request threads waiting inside the pool for a connection
 */
public record Window(int second, long offered, Map<Outcome, Long> finished, Histogram latencyMicros,
                     double utilizationMean, double utilizationMax, int queuedMax, int pendingMax) {

    public Window {
        finished = new EnumMap<>(finished);
    }

    public long count(Outcome outcome) {
        return finished.getOrDefault(outcome, 0L);
    }

    public long finishedTotal() {
        return finished.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Succeeded / offered; {@code NaN} when nothing was due (the drain after the run). */
    public double successRatio() {
        return offered == 0 ? Double.NaN : (double) count(Outcome.SUCCEEDED) / offered;
    }

    /** Latency percentile in milliseconds; {@code NaN} when nothing finished. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN
                : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxLatencyMillis() {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
    }
}
