package dev.dbpool.rules.promtool;

import dev.dbpool.rules.promql.PromDuration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** One Prometheus alerting rule, in the order Prometheus's own documentation writes its fields. */
public record AlertRule(String alert, String expr, Duration forDuration,
                        Map<String, String> labels, Map<String, String> annotations) {

    public AlertRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** Severity label key shared by every rule and test. */
    public static final String SEVERITY = "severity";
    public static final String SUMMARY = "summary";
    public static final String DESCRIPTION = "description";
    public static final String RUNBOOK_URL = "runbook_url";

    public String severity() {
        return labels.get(SEVERITY);
    }

    Map<String, Object> toYaml() {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("alert", alert);
        rule.put("expr", expr);
        rule.put("for", PromDuration.format(forDuration));
        rule.put("labels", Yaml.sorted(labels));
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : new String[] {SUMMARY, DESCRIPTION, RUNBOOK_URL}) {
            if (annotations.containsKey(key)) {
                ordered.put(key, annotations.get(key));
            }
        }
        ordered.putAll(Yaml.sorted(annotations));
        rule.put("annotations", ordered);
        return rule;
    }
}
