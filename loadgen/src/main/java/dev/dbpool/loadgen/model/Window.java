package dev.dbpool.loadgen.model;

import org.HdrHistogram.Histogram;

/**
 * One 1 s cohort of a run: the requests whose <em>intended start</em> fell in
 * [second, second + 1) s of the measured run, with what became of each and its latency (from the
 * intended start, every finished outcome). A cohort is judged by what happened to its own requests,
 * however late they finished, never by what a ticker happened to see in that second.
 *
 * @param latencyMicros  latency of every finished request of the cohort, µs (what recovery is judged by)
 * @param answeredMicros latency of the requests that succeeded, µs: what a user who got an answer waited
 */
public record Window(int second, Tally tally, Histogram latencyMicros, Histogram answeredMicros) {

    /** A cohort whose latency is not split by outcome (both histograms the same). */
    public Window(int second, Tally tally, Histogram latencyMicros) {
        this(second, tally, latencyMicros, latencyMicros);
    }

    /** Latency percentile of the requests that succeeded, in milliseconds; {@code NaN} when none did. */
    public double answeredLatencyMillis(double percentile) {
        return answeredMicros.getTotalCount() == 0 ? Double.NaN
                : answeredMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public long offered() {
        return tally.offered();
    }

    public long count(Outcome outcome) {
        return tally.count(outcome);
    }

    public long goodput() {
        return tally.goodput();
    }

    /** Goodput / offered; {@code NaN} when nothing was due. */
    public double goodputRatio() {
        return tally.goodputRatio();
    }

    /** Succeeded / offered; {@code NaN} when nothing was due. */
    public double successRatio() {
        return tally.offered() == 0 ? Double.NaN : (double) tally.succeeded() / tally.offered();
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
