package dev.dbpool.rules.alerts;

import dev.dbpool.rules.model.ServicePool;
import dev.dbpool.rules.format.GoTemplateFormat;
import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.rules.promql.PromQl.LabelMatcher;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.ServicePreset;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;
import static dev.dbpool.runtime.metrics.MetricNames.UTILIZATION;

/**
 * A pool has been nearly full for the whole {@code for}. Per pod (keeps {@code instance}): the pool
 * lives in one JVM, and one hot replica is worth knowing about. Without a plan, one rule at the
 * original 80 %; with a plan, one rule per planned service at its own {@link UtilizationThreshold}
 * and one at 80 % for every service the plan does not name. The original printed the ratio as a
 * percentage ({@code 0.85%}); this one uses {@code humanizePercentage}.
 */
final class HighPoolUtilizationAlert implements AlertDefinition {

    static final String NAME = "HighPoolUtilization";
    static final Duration FOR = Duration.ofMinutes(5);
    /** The service name the catch-all rule's tests use; must not be in the plan. */
    static final String UNPLANNED_SERVICE = "unplanned-service";

    private static final String SUMMARY = "Database pool of {{ $labels.service }} is nearly full";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return thresholds(context).stream().map(t -> t.rule(context)).toList();
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        return thresholds(context).stream().map(t -> t.test(context)).toList();
    }

    /** One rule's worth: which services it covers, at what threshold, and a pool size to test it with. */
    private record Threshold(List<LabelMatcher> matchers, double value, String service, int poolSize, String why) {

        AlertRule rule(AlertContext context) {
            return Rules.alert(context, NAME,
                    PromQl.selector(UTILIZATION, matchers) + " > " + PromQl.number(value), FOR, WARNING, SUMMARY,
                    "{{ $labels.service }} on {{ $labels.instance }} has {{ $value | humanizePercentage }} of its "
                            + "pool's connections in use (" + why + ").");
        }

        TestGroup test(AlertContext context) {
            AlertRule rule = rule(context);
            double above = UtilizationThreshold.firstStepAbove(value, poolSize);
            double below = UtilizationThreshold.lastStepNotAbove(value, poolSize);
            Map<String, String> hot = AlertTests.scraped(service, 0, Map.of(LABEL_SERVICE, service));
            List<SeriesSpec> series = new ArrayList<>();
            series.add(SeriesSpec.gauge(UTILIZATION, hot, above));
            series.add(SeriesSpec.gauge(UTILIZATION, AlertTests.scraped(service, 1, Map.of(LABEL_SERVICE, service)), below));
            if (below != value) {
                // The threshold itself does not fire: the rule is '>', as in the original.
                series.add(SeriesSpec.gauge(UTILIZATION, AlertTests.scraped(service, 2, Map.of(LABEL_SERVICE, service)), value));
            }
            return AlertTests.standard(
                    NAME + " (" + service + ", pool of " + poolSize + ", threshold " + PromQl.number(value) + "): "
                            + "the first step above fires after the for; the step below and the threshold stay quiet",
                    rule, Timeline.gauge(rule.forDuration()), series, hot, t -> above);
        }
    }

    private static List<Threshold> thresholds(AlertContext context) {
        List<ServicePool> planned = context.fleet().services();
        String fleetWide = "alert threshold " + percent(UtilizationThreshold.DEFAULT) + "; backpressure rejects above "
                + "the service's threshold, " + percent(BackpressureConfig.DEFAULT_THRESHOLD) + " unless configured";
        if (planned.isEmpty()) {
            String service = AlertTests.CROSSING_SERVICE;
            return List.of(new Threshold(List.of(), UtilizationThreshold.DEFAULT, service,
                    ServicePreset.forService(service).maxConnections(), fleetWide));
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (ServicePool pool : planned) {
            double value = UtilizationThreshold.forPool(pool);
            thresholds.add(new Threshold(List.of(PromQl.eq(LABEL_SERVICE, pool.name())), value, pool.name(),
                    pool.maxConnections(),
                    "alert threshold " + percent(value) + " for " + pool.name() + ", from its pool of "
                            + pool.maxConnections() + " connections and its backpressure threshold of "
                            + percent(pool.backpressureThreshold())));
        }
        Set<String> names = planned.stream().map(ServicePool::name).collect(Collectors.toSet());
        String unplanned = UNPLANNED_SERVICE;
        while (names.contains(unplanned)) {
            unplanned = "other-" + unplanned;
        }
        thresholds.add(new Threshold(List.of(PromQl.notRegex(LABEL_SERVICE, PromQl.alternation(
                planned.stream().map(ServicePool::name).toList()))),
                UtilizationThreshold.DEFAULT, unplanned, ServicePreset.DEFAULT_MAX_CONNECTIONS,
                fleetWide + "; this service is not in the plan"));
        return thresholds;
    }

    private static String percent(double ratio) {
        return GoTemplateFormat.humanizePercentage(ratio);
    }
}
