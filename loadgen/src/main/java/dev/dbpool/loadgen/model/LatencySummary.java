package dev.dbpool.loadgen.model;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, from an HdrHistogram of microseconds; all zero when it is empty. */
public record LatencySummary(long count, double p50, double p95, double p99, double p999, double max) {

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(micros.getTotalCount(),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(95)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
