package dev.dbpool.loadgen.model;

import org.HdrHistogram.Histogram;

import java.util.EnumMap;
import java.util.Map;

/**
 * One wall-clock second of a run as a ticker saw it: what finished in it and how busy the pool and
 * the service were. For the live progress line and the pool's charts; the analysis judges
 * {@link Window cohorts} instead.
 *
 * @param second          covers [second, second + 1) s of wall-clock time from the start of the measured run
 *                        (past the run's duration: the drain)
 * @param offered         intended starts in this second
 * @param finished        requests that finished in this second, by outcome
 * @param latencyMicros   latency of every request that finished in it, µs
 * @param utilizationMean mean of the pool's active/max, sampled every 10 ms
 * @param utilizationMax  highest sample
 * @param queuedMax       most requests waiting for a request thread (the service's own backlog)
 * @param pendingMax      most request threads waiting inside the pool for a connection
 */
public record Tick(int second, long offered, Map<Outcome, Long> finished, Histogram latencyMicros,
                   double utilizationMean, double utilizationMax, int queuedMax, int pendingMax) {

    public Tick {
        finished = new EnumMap<>(finished.isEmpty() ? Map.of(Outcome.SUCCEEDED, 0L) : finished);
    }

    public long count(Outcome outcome) {
        return finished.getOrDefault(outcome, 0L);
    }

    /** Latency percentile in milliseconds; {@code NaN} when nothing finished. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getTotalCount() == 0 ? Double.NaN
                : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
}
