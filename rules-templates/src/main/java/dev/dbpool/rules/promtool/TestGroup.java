package dev.dbpool.rules.promtool;

import dev.dbpool.rules.promql.PromDuration;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One promtool unit-test group: input series sampled every {@code interval} and the alert checks
 * made against them. Series run a few samples past the last check so none goes stale.
 */
public record TestGroup(String name, Duration interval, List<SeriesSpec> series, List<AlertCheck> checks) {

    private static final int SPARE_SAMPLES = 5;

    public TestGroup {
        series = List.copyOf(series);
        checks = List.copyOf(checks);
        if (checks.isEmpty()) {
            throw new IllegalArgumentException("test group '" + name + "' checks nothing");
        }
    }

    Map<String, Object> toYaml() {
        Duration last = checks.stream().map(AlertCheck::evalTime).max(Comparator.naturalOrder()).orElseThrow();
        int expansions = (int) (last.toMillis() / interval.toMillis()) + SPARE_SAMPLES;
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("interval", PromDuration.format(interval));
        group.put("input_series", series.stream().map(s -> s.toYaml(expansions)).toList());
        group.put("alert_rule_test", checks.stream().map(AlertCheck::toYaml).toList());
        return group;
    }
}
