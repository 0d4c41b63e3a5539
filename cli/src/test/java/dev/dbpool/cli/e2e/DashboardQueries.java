package dev.dbpool.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL of a Grafana dashboard file, with Grafana's variables replaced as Grafana would for one
 * service, so that Prometheus itself can evaluate what each panel shows.
 */
final class DashboardQueries {

    /** A panel's query, ready for {@code /api/v1/query}. */
    record Query(String panel, String refId, String expr) {
        @Override
        public String toString() {
            return "panel '" + panel + "' " + refId + ": " + expr;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)}|(\\w+))");
    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");

    private final JsonNode dashboard;

    private DashboardQueries(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    static DashboardQueries read(Path file) throws IOException {
        return new DashboardQueries(new ObjectMapper().readTree(file.toFile()));
    }

    /**
     * Every target's {@code expr} in every panel (rows included), with {@code $service} (and {@code ${service}})
     * set to {@code service} and {@code $__rate_interval} to {@code rateInterval}. Any other variable is an
     * error: the test would not know what Grafana puts there.
     */
    List<Query> queries(String service, String rateInterval) {
        List<Query> queries = new ArrayList<>();
        collect(dashboard.path("panels"), service, rateInterval, queries);
        return queries;
    }

    /**
     * The query variables' {@code label_values(SELECTOR, LABEL)} definitions, as {@code [selector, label]}:
     * what fills each drop-down.
     */
    List<String[]> labelValuesVariables() {
        List<String[]> variables = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (!"query".equals(variable.path("type").asText())) {
                continue;
            }
            String definition = variable.path("definition").asText();
            Matcher m = LABEL_VALUES.matcher(definition.strip());
            if (!m.matches()) {
                throw new AssertionError("variable '" + variable.path("name").asText() + "' is not a label_values() "
                        + "query the test knows how to evaluate: " + definition);
            }
            variables.add(new String[] {m.group(1).strip(), m.group(2)});
        }
        return variables;
    }

    private static void collect(JsonNode panels, String service, String rateInterval, List<Query> into) {
        for (JsonNode panel : panels) {
            collect(panel.path("panels"), service, rateInterval, into);
            for (JsonNode target : panel.path("targets")) {
                String expr = target.path("expr").asText("");
                if (!expr.isBlank()) {
                    into.add(new Query(panel.path("title").asText(), target.path("refId").asText(),
                            substitute(expr, service, rateInterval)));
                }
            }
        }
    }

    private static String substitute(String expr, String service, String rateInterval) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = switch (name) {
                case "service" -> service;
                case "__rate_interval" -> rateInterval;
                default -> throw new AssertionError("unknown Grafana variable $" + name + " in " + expr);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
