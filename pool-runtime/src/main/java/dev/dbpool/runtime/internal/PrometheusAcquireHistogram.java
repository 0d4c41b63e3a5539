package dev.dbpool.runtime.internal;

import dev.dbpool.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code db_pool_acquire_duration_seconds} recorded in a {@link StripedHistogram} per pool and
 * exported straight into a {@link PrometheusMeterRegistry}'s {@link PrometheusRegistry}, as the same
 * series Micrometer's timer exports ({@code _bucket} with the same {@code le} values, {@code _count},
 * {@code _sum}, and the {@code _max} gauge), at a fraction of its cost per sample.
 *
 * <p>Micrometer has no public way to export a histogram kept by someone else as a {@code Timer}: a
 * registry creates its own timer. So this path is for the registry a service scrapes, Prometheus's
 * (Spring Boot's {@code /actuator/prometheus} included); with any other registry the pool records
 * into Micrometer's timer as before ({@link PoolMetrics}). Only this class refers to the Prometheus
 * registry's classes, which the runtime does not require: {@link PoolMetrics} loads it only when the
 * registry it binds to is a {@code PrometheusMeterRegistry}. The price of the fast path: the
 * histogram is not among Micrometer's meters ({@code registry.find(...)}, {@code /actuator/metrics}).
 *
 * <p>One collector per Prometheus registry holds the histograms of all its pools, keyed by their
 * labels: a pool closed and opened again under the same service and name continues its histogram,
 * as the counters continue.
 */
final class PrometheusAcquireHistogram implements MultiCollector {

    private static final Map<PrometheusRegistry, PrometheusAcquireHistogram> BY_REGISTRY = new WeakHashMap<>();

    private final String help;
    private final Map<Labels, StripedHistogram> histograms = new ConcurrentHashMap<>();

    private PrometheusAcquireHistogram(String help) {
        this.help = help;
    }

    /** The histogram of {@code service}'s pool {@code pool} in {@code registry}, registered on first use. */
    static StripedHistogram histogram(MeterRegistry registry, String service, String pool, String help) {
        PrometheusRegistry prometheus = ((PrometheusMeterRegistry) registry).getPrometheusRegistry();
        PrometheusAcquireHistogram family;
        synchronized (BY_REGISTRY) {
            family = BY_REGISTRY.get(prometheus);
            if (family == null) {
                family = new PrometheusAcquireHistogram(help);
                prometheus.register(family);
                BY_REGISTRY.put(prometheus, family);
            }
        }
        Labels labels = Labels.of(MetricNames.LABEL_SERVICE, service, MetricNames.LABEL_POOL, pool);
        return family.histograms.computeIfAbsent(labels, l ->
                new StripedHistogram(MetricNames.ACQUIRE_BUCKETS_SECONDS, StripedHistogram.DEFAULT_MAX_WINDOW_NANOS));
    }

    @Override
    public MetricSnapshots collect() {
        HistogramSnapshot.Builder histogram = HistogramSnapshot.builder()
                .name(MetricNames.ACQUIRE_DURATION).help(help);
        GaugeSnapshot.Builder max = GaugeSnapshot.builder()
                .name(MetricNames.ACQUIRE_DURATION + "_max").help(help);
        histograms.forEach((labels, recorded) -> {
            StripedHistogram.Snapshot s = recorded.snapshot();
            histogram.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                    .labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(s.upperBoundsSeconds(), s.counts()))
                    .sum(s.sumSeconds())
                    .build());
            max.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels).value(s.maxSeconds()).build());
        });
        return new MetricSnapshots(histogram.build(), max.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(MetricNames.ACQUIRE_DURATION, MetricNames.ACQUIRE_DURATION + "_max");
    }
}
