package dev.dbpool.rules.alerts;

import dev.dbpool.rules.format.AlertTemplate;
import dev.dbpool.rules.promtool.AlertCheck;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.ExpectedAlert;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;
import dev.dbpool.runtime.ServicePreset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The shape every generated alert test has: one series that crosses the threshold, others that
 * stay just below it, and three looks at the alert: just before {@code for} runs out (nothing
 * fires), when it first fires and in steady state (exactly the crossing series fires, with exact
 * labels and annotations).
 */
final class AlertTests {

    /** The service whose series crosses the threshold in every test, and one that stays below. */
    static final String CROSSING_SERVICE = ServicePreset.all().get(0).service();
    static final String QUIET_SERVICE = ServicePreset.all().get(1).service();

    private AlertTests() {
    }

    /**
     * @param outputLabels the labels the rule's expression leaves on the crossing series
     * @param valueAt      the expression's value for the crossing series at an evaluation time
     */
    static TestGroup standard(String name, AlertRule rule, Timeline timeline, List<SeriesSpec> series,
                              Map<String, String> outputLabels, ToDoubleFunction<Duration> valueAt) {
        List<AlertCheck> checks = new ArrayList<>();
        checks.add(new AlertCheck(timeline.lastPending(), rule.alert(), List.of()));
        for (Duration t : timeline.firingChecks()) {
            checks.add(new AlertCheck(t, rule.alert(), List.of(firing(rule, outputLabels, valueAt.applyAsDouble(t)))));
        }
        return new TestGroup(name, Timeline.SAMPLE_INTERVAL, series, checks);
    }

    /** A test that nothing fires at all, at steady state (for aggregates, where one series is the whole fleet). */
    static TestGroup silent(String name, AlertRule rule, Timeline timeline, List<SeriesSpec> series) {
        Duration last = timeline.firingChecks().get(timeline.firingChecks().size() - 1);
        return new TestGroup(name, Timeline.SAMPLE_INTERVAL, series,
                List.of(new AlertCheck(last, rule.alert(), List.of())));
    }

    /** The alert Prometheus raises for a series with these labels and value: annotations rendered from the rule. */
    static ExpectedAlert firing(AlertRule rule, Map<String, String> outputLabels, double value) {
        Map<String, String> labels = new LinkedHashMap<>(outputLabels);
        labels.putAll(rule.labels());
        Map<String, String> annotations = new LinkedHashMap<>();
        rule.annotations().forEach((key, template) -> annotations.put(key, AlertTemplate.render(template, outputLabels, value)));
        return new ExpectedAlert(labels, annotations);
    }

    /** The labels a scraped series of {@code service} carries: the pod it came from and the job. */
    static Map<String, String> scraped(String service, int replica, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("instance", service + "-" + replica + ":8080");
        labels.put("job", service);
        labels.putAll(extra);
        return labels;
    }
}
