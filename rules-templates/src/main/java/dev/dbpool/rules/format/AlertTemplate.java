package dev.dbpool.rules.format;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the small subset of Prometheus's alert template language that the generated rules use,
 * so that each unit test's expected annotations are derived from the rule's own text rather than
 * typed twice. Anything outside the subset is an error, not a silent mismatch:
 * <ul>
 *   <li>{@code {{ $labels.NAME }}}</li>
 *   <li>{@code {{ $value | humanizePercentage }}}, {@code {{ $value | humanizeDuration }}}</li>
 *   <li>{@code {{ printf "%.Nf" $value }}}</li>
 * </ul>
 */
public final class AlertTemplate {

    private static final Pattern ACTION = Pattern.compile("\\{\\{(.*?)}}");
    private static final Pattern LABEL = Pattern.compile("\\$labels\\.([a-zA-Z_][a-zA-Z0-9_]*)");
    private static final Pattern PRINTF = Pattern.compile("printf \"%\\.(\\d)f\" \\$value");

    private AlertTemplate() {
    }

    /** The text Prometheus produces for {@code template} on an alert with these labels and value. */
    public static String render(String template, Map<String, String> labels, double value) {
        Matcher action = ACTION.matcher(template);
        StringBuilder out = new StringBuilder();
        while (action.find()) {
            action.appendReplacement(out, Matcher.quoteReplacement(evaluate(action.group(1).strip(), labels, value)));
        }
        action.appendTail(out);
        return out.toString();
    }

    private static String evaluate(String pipeline, Map<String, String> labels, double value) {
        Matcher label = LABEL.matcher(pipeline);
        if (label.matches()) {
            String name = label.group(1);
            if (!labels.containsKey(name)) {
                throw new IllegalArgumentException("template uses $labels." + name + " but the alert has only " + labels.keySet());
            }
            return labels.get(name);
        }
        Matcher printf = PRINTF.matcher(pipeline);
        if (printf.matches()) {
            return GoTemplateFormat.fixed(value, Integer.parseInt(printf.group(1)));
        }
        return switch (pipeline) {
            case "$value | humanizePercentage" -> GoTemplateFormat.humanizePercentage(value);
            case "$value | humanizeDuration" -> GoTemplateFormat.humanizeDuration(value);
            default -> throw new IllegalArgumentException("unsupported template action {{ " + pipeline + " }}");
        };
    }
}
