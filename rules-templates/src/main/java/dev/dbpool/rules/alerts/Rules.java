package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promql.PromDuration;
import dev.dbpool.rules.promtool.AlertRule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds an {@link AlertRule} with the fields every generated alert must have. */
final class Rules {

    private Rules() {
    }

    /** {@code [5m]}: the window of every rate in the rules. */
    static String window() {
        return "[" + PromDuration.format(Timeline.RATE_WINDOW) + "]";
    }

    static AlertRule alert(AlertContext context, String name, String expr, Duration designedFor, String severity,
                           String summary, String description) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(AlertRule.SUMMARY, summary);
        annotations.put(AlertRule.DESCRIPTION, description);
        annotations.put(AlertRule.RUNBOOK_URL, context.runbookUrl(name));
        return new AlertRule(name, expr, context.forOf(designedFor), Map.of(AlertRule.SEVERITY, severity), annotations);
    }
}
