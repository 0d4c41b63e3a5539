package dev.dbpool.rules.promtool;

import dev.dbpool.rules.promql.PromQl;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An input series of a unit test that starts at {@code start} and changes by {@code step} per
 * sample: a gauge (step 0) or a counter (step &gt; 0). The number of samples is chosen when the test
 * group knows its last evaluation, so a series never goes stale before the test is done.
 */
public record SeriesSpec(String metric, Map<String, String> labels, double start, double step) {

    public SeriesSpec {
        labels = Yaml.sorted(labels);
    }

    public static SeriesSpec gauge(String metric, Map<String, String> labels, double value) {
        return new SeriesSpec(metric, labels, value, 0);
    }

    public static SeriesSpec counter(String metric, Map<String, String> labels, double perSample) {
        return new SeriesSpec(metric, labels, 0, perSample);
    }

    /** {@code metric{a="b", ...}} as promtool reads it. */
    public String selector() {
        return PromQl.selector(metric, labels.entrySet().stream()
                .map(e -> PromQl.eq(e.getKey(), e.getValue())).toList());
    }

    /** promtool's expanding notation: {@code start+stepxN} gives N+1 samples. */
    Map<String, Object> toYaml(int expansions) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("series", selector());
        series.put("values", PromQl.number(start) + "+" + PromQl.number(step) + "x" + expansions);
        return series;
    }
}
