package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleToIntFunction;

import static dev.dbpool.runtime.metrics.MetricNames.ACQUIRE_BUCKETS_SECONDS;
import static dev.dbpool.runtime.metrics.MetricNames.ACQUIRE_DURATION;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;

/**
 * P95 acquisition latency above 5 s. The original summed nothing, so its quantile was computed per
 * pod and bucket series rather than per service; here the buckets are summed {@code by (service, le)}
 * first, and the threshold sits on a bucket boundary so it is a measurement, not an interpolation.
 */
final class VerySlowPoolAcquisitionAlert implements AlertDefinition {

    static final String NAME = "VerySlowPoolAcquisition";
    static final Duration FOR = Duration.ofMinutes(1);
    static final double QUANTILE = 0.95;
    /** Seconds; must be one of {@code MetricNames.ACQUIRE_BUCKETS_SECONDS} (a test checks it). */
    static final double THRESHOLD_SECONDS = 5.0;

    static final String BUCKET = PromQl.buckets(ACQUIRE_DURATION);
    private static final String LE = PromQl.LE;
    private static final String INF = "+Inf";
    /** Acquisitions per sample in the tests. */
    private static final int TEST_ACQUISITIONS = 60;
    /** The quiet service: 58 of 60 in the bucket below the threshold, the rest above: P95 = 2.5 + 2.5 × 57/58 = 4.96 s. */
    private static final int QUIET_WITHIN_THRESHOLD = 58;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return List.of(rule(context));
    }

    private AlertRule rule(AlertContext context) {
        String threshold = PromQl.number(THRESHOLD_SECONDS);
        return Rules.alert(context, NAME,
                "histogram_quantile(" + PromQl.number(QUANTILE) + ", sum by (" + LABEL_SERVICE + ", " + LE + ") (rate("
                        + BUCKET + Rules.window() + "))) > " + threshold,
                FOR, CRITICAL,
                "{{ $labels.service }} waits seconds for a database connection",
                "95% of connection acquisitions in {{ $labels.service }} took up to {{ $value | humanizeDuration }} "
                        + "over the last 5 minutes (alert threshold " + threshold + "s): requests queue for connections "
                        + "and start failing when they reach the acquire timeout.");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        AlertRule rule = rule(context);
        String slow = AlertTests.CROSSING_SERVICE;
        String quiet = AlertTests.QUIET_SERVICE;
        List<SeriesSpec> series = new ArrayList<>();
        // The slow service: every acquisition between 5 and 10 s: P95 = 5 + 5 × 0.95 = 9.75 s.
        series.addAll(buckets(slow, le -> le > THRESHOLD_SECONDS ? TEST_ACQUISITIONS : 0));
        series.addAll(buckets(quiet, le -> le > THRESHOLD_SECONDS ? TEST_ACQUISITIONS
                : le == THRESHOLD_SECONDS ? QUIET_WITHIN_THRESHOLD : 0));
        if (!ACQUIRE_BUCKETS_SECONDS.contains(THRESHOLD_SECONDS)) {
            throw new IllegalStateException("the threshold " + THRESHOLD_SECONDS + "s is not a bucket boundary");
        }
        double p95 = THRESHOLD_SECONDS + (bucketAbove(THRESHOLD_SECONDS) - THRESHOLD_SECONDS) * QUANTILE;
        return List.of(AlertTests.standard(
                NAME + ": P95 in the bucket above the threshold fires after the for; P95 just under it stays quiet",
                rule, Timeline.rate(rule.forDuration()), series, Map.of(LABEL_SERVICE, slow), t -> p95));
    }

    /** Cumulative bucket counters of one pod of {@code service}, each growing by {@code perSample(le)}. */
    private static List<SeriesSpec> buckets(String service, DoubleToIntFunction perSample) {
        List<SeriesSpec> series = new ArrayList<>();
        for (double le : ACQUIRE_BUCKETS_SECONDS) {
            series.add(SeriesSpec.counter(BUCKET, bucketLabels(service, PromQl.number(le)), perSample.applyAsInt(le)));
        }
        series.add(SeriesSpec.counter(BUCKET, bucketLabels(service, INF), perSample.applyAsInt(Double.POSITIVE_INFINITY)));
        return series;
    }

    private static Map<String, String> bucketLabels(String service, String le) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_SERVICE, service);
        labels.put(LE, le);
        return AlertTests.scraped(service, 0, labels);
    }

    private static double bucketAbove(double bound) {
        return ACQUIRE_BUCKETS_SECONDS.stream().filter(b -> b > bound).findFirst().orElseThrow();
    }
}
