package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.CONNECTION_ERRORS;
import static dev.dbpool.runtime.metrics.MetricNames.ERROR_CLOSED;
import static dev.dbpool.runtime.metrics.MetricNames.ERROR_OTHER;
import static dev.dbpool.runtime.metrics.MetricNames.ERROR_TIMEOUT;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_ERROR_TYPE;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;

/**
 * Acquisitions are failing. One alert per error type: a timeout (pool too small or connections
 * held too long) and a closed connection (database restarted, sessions killed) have different
 * runbook steps.
 */
final class PoolConnectionErrorsAlert implements AlertDefinition {

    static final String NAME = "PoolConnectionErrors";
    static final Duration FOR = Duration.ofMinutes(2);
    /** Errors per second, per service and error type (the original design's 0.01). */
    static final double THRESHOLD_PER_SECOND = 0.01;
    /** 24 errors a minute: on the 15 s evaluation grid every rate is a multiple of 0.02. */
    private static final double TEST_ERRORS_PER_SECOND = 0.4;
    /** Half an error a minute, 0.0083/s: below the threshold. */
    private static final double QUIET_ERRORS_PER_MINUTE = 0.5;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return List.of(rule(context));
    }

    private AlertRule rule(AlertContext context) {
        String threshold = PromQl.number(THRESHOLD_PER_SECOND);
        return Rules.alert(context, NAME,
                "sum by (" + LABEL_SERVICE + ", " + LABEL_ERROR_TYPE + ") (rate(" + CONNECTION_ERRORS + Rules.window()
                        + ")) > " + threshold,
                FOR, WARNING,
                "{{ $labels.service }} fails to get database connections ({{ $labels.error_type }})",
                "{{ $labels.service }} has failed {{ printf \"%.2f\" $value }} connection acquisitions/s with error "
                        + "type {{ $labels.error_type }} over the last 5 minutes (alert threshold " + threshold + "/s).");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        AlertRule rule = rule(context);
        String service = AlertTests.CROSSING_SERVICE;
        List<SeriesSpec> series = List.of(
                SeriesSpec.counter(CONNECTION_ERRORS, errors(service, ERROR_TIMEOUT), TEST_ERRORS_PER_SECOND * 60),
                SeriesSpec.counter(CONNECTION_ERRORS, errors(service, ERROR_CLOSED), QUIET_ERRORS_PER_MINUTE),
                SeriesSpec.counter(CONNECTION_ERRORS, errors(service, ERROR_OTHER), 0));
        return List.of(AlertTests.standard(
                NAME + ": timeouts above 0.01/s fire after the for; closed connections below it stay quiet",
                rule, Timeline.rate(rule.forDuration()), series,
                Map.of(LABEL_SERVICE, service, LABEL_ERROR_TYPE, ERROR_TIMEOUT),
                t -> Timeline.rateAt(TEST_ERRORS_PER_SECOND, t)));
    }

    private static Map<String, String> errors(String service, String errorType) {
        return AlertTests.scraped(service, 0, Map.of(LABEL_SERVICE, service, LABEL_ERROR_TYPE, errorType));
    }
}
