package dev.dbpool.runtime.internal;

import dev.dbpool.runtime.testing.Concurrently;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StripedHistogramTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final StripedHistogram histogram = new StripedHistogram(List.of(0.001, 0.01, 0.1), MINUTE);

    @Test
    void aSampleOnABoundCountsInThatBucketAsPrometheusLeDoes() {
        histogram.record(1_000_000);
        histogram.record(1_000_001);
        histogram.record(0);
        histogram.record(5_000_000_000L);

        StripedHistogram.Snapshot s = histogram.snapshot();

        assertThat(s.upperBoundsSeconds()).containsExactly(0.001, 0.01, 0.1, Double.POSITIVE_INFINITY);
        assertThat(s.counts()).containsExactly(2, 1, 0, 1);
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.sumSeconds()).isEqualTo(5.002000001);
        assertThat(s.maxSeconds()).isEqualTo(5.0);
    }

    @Test
    void negativeSamplesAreIgnoredAsMicrometerIgnoresThem() {
        histogram.record(-5);
        assertThat(histogram.snapshot().count()).isZero();
    }

    @Test
    void samplesFromManyThreadsAddUpExactly() throws InterruptedException {
        Concurrently.run(16, () -> {
            for (int i = 0; i < 10_000; i++) {
                histogram.record(500_000);
                histogram.record(50_000_000);
            }
        });

        StripedHistogram.Snapshot s = histogram.snapshot();

        assertThat(s.counts()).containsExactly(160_000, 0, 160_000, 0);
        assertThat(s.sumSeconds()).isEqualTo(160_000 * 0.0005 + 160_000 * 0.05);
        assertThat(s.maxSeconds()).isEqualTo(0.05);
    }

    @Test
    void theMaxStaysForOneMoreWindowThenAgesOut() {
        long t0 = 1_000;
        histogram.snapshot(t0);
        histogram.record(80_000_000);

        assertThat(histogram.snapshot(t0 + MINUTE / 2).maxSeconds()).isEqualTo(0.08);
        assertThat(histogram.snapshot(t0 + MINUTE).maxSeconds()).as("the window rolls").isEqualTo(0.08);
        histogram.record(2_000_000);
        assertThat(histogram.snapshot(t0 + MINUTE + 1).maxSeconds()).as("one window later").isEqualTo(0.08);
        assertThat(histogram.snapshot(t0 + 2 * MINUTE).maxSeconds()).as("rolls again").isEqualTo(0.08);
        assertThat(histogram.snapshot(t0 + 2 * MINUTE + 1).maxSeconds()).as("aged out").isEqualTo(0.002);
        assertThat(histogram.snapshot(t0 + 3 * MINUTE).maxSeconds()).isEqualTo(0.002);
        assertThat(histogram.snapshot(t0 + 4 * MINUTE).maxSeconds()).isZero();
        assertThat(histogram.snapshot(t0 + 4 * MINUTE).count()).as("counts never age").isEqualTo(2);
    }
}
