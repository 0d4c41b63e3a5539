package dev.dbpool.runtime.internal;

import dev.dbpool.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The striped histogram's series against Micrometer's timer's, sample for sample. */
class PrometheusAcquireHistogramTest {

    private static final long[] SAMPLES = {120, 90_000, 499_999, 500_000, 500_001, 3_000_000, 42_000_000, 250_000_000,
            2_600_000_000L, 31_000_000_000L};

    private static final PoolMetrics.PoolState IDLE = new PoolMetrics.PoolState() {
        @Override public int active() { return 0; }
        @Override public int idle() { return 4; }
        @Override public int max() { return 4; }
        @Override public int pending() { return 0; }
        @Override public boolean overloaded() { return false; }
    };

    @Test
    void aPrometheusRegistryScrapesTheSameSeriesAsMicrometersTimerWould() {
        PrometheusMeterRegistry striped = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PoolMetrics fast = new PoolMetrics("auth-service", IDLE);
        fast.bindTo(striped);
        // Behind a composite, the pool cannot see a Prometheus registry: it records into Micrometer's timer.
        PrometheusMeterRegistry timed = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(timed);
        PoolMetrics reference = new PoolMetrics("auth-service", IDLE);
        reference.bindTo(composite);

        for (long nanos : SAMPLES) {
            fast.recordAcquire(nanos);
            reference.recordAcquire(nanos);
        }

        assertThat(acquireSeries(striped)).hasSize(2 + 16 + 2 + 3).isEqualTo(acquireSeries(timed));
        assertThat(striped.find(MetricNames.meterName(MetricNames.ACQUIRE_DURATION)).timer())
                .as("not one of Micrometer's meters on the fast path").isNull();
    }

    @Test
    void twoPoolsOfOneRegistryHaveASeriesEachAndAReopenedPoolContinuesItsOwn() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PoolMetrics primary = new PoolMetrics("feed-service", IDLE);
        primary.bindTo(registry);
        PoolMetrics replica = new PoolMetrics("feed-service", "replica", IDLE);
        replica.bindTo(registry);
        primary.recordAcquire(1_000);
        replica.recordAcquire(1_000);
        replica.recordAcquire(1_000);
        replica.unbindGauges();
        PoolMetrics reopened = new PoolMetrics("feed-service", "replica", IDLE);
        reopened.bindTo(registry);
        reopened.recordAcquire(1_000);

        assertThat(registry.scrape())
                .contains("db_pool_acquire_duration_seconds_count{pool=\"feed-service\",service=\"feed-service\"} 1")
                .contains("db_pool_acquire_duration_seconds_count{pool=\"replica\",service=\"feed-service\"} 3");
    }

    private static List<String> acquireSeries(PrometheusMeterRegistry registry) {
        return registry.scrape().lines()
                .filter(line -> line.contains(MetricNames.ACQUIRE_DURATION))
                .sorted()
                .collect(Collectors.toList());
    }
}
