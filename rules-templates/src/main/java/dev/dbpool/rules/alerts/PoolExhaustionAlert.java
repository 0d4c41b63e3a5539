package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.EXHAUSTED;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;

/**
 * Backpressure is rejecting requests: the pool was above its threshold when they arrived.
 * Summed per service, so a service with many replicas raises one alert, and a restarted pod
 * (a new {@code instance}) does not restart the {@code for}.
 */
final class PoolExhaustionAlert implements AlertDefinition {

    static final String NAME = "PoolExhaustion";
    static final Duration FOR = Duration.ofMinutes(2);
    /** 24 rejections a minute: on the 15 s evaluation grid every rate is a multiple of 0.02. */
    private static final double TEST_REJECTIONS_PER_SECOND = 0.4;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return List.of(rule(context));
    }

    private AlertRule rule(AlertContext context) {
        return Rules.alert(context, NAME,
                "sum by (" + LABEL_SERVICE + ") (rate(" + EXHAUSTED + Rules.window() + ")) > 0",
                FOR, CRITICAL,
                "{{ $labels.service }} is rejecting requests: its database pool is exhausted",
                "Backpressure in {{ $labels.service }} has rejected {{ printf \"%.2f\" $value }} requests/s over the "
                        + "last 5 minutes, because the pool was above its backpressure threshold when they arrived. "
                        + "Callers get an immediate error instead of waiting for a connection.");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        AlertRule rule = rule(context);
        String crossing = AlertTests.CROSSING_SERVICE;
        String quiet = AlertTests.QUIET_SERVICE;
        List<SeriesSpec> series = List.of(
                SeriesSpec.counter(EXHAUSTED, AlertTests.scraped(crossing, 0, Map.of(LABEL_SERVICE, crossing)),
                        TEST_REJECTIONS_PER_SECOND * 60),
                SeriesSpec.counter(EXHAUSTED, AlertTests.scraped(quiet, 0, Map.of(LABEL_SERVICE, quiet)), 0));
        return List.of(AlertTests.standard(
                NAME + ": fires after " + "the for of sustained rejections; a service without rejections stays quiet",
                rule, Timeline.rate(rule.forDuration()), series, Map.of(LABEL_SERVICE, crossing),
                t -> Timeline.rateAt(TEST_REJECTIONS_PER_SECOND, t)));
    }
}
