package dev.dbpool.rules.dashboard;

import dev.dbpool.rules.promql.PromQl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Grafana panel as the JSON model wants it. Every panel reads from the dashboard's
 * {@code $datasource} variable, has a title, a description (the panel's (i) tooltip) and a unit.
 */
final class Panel {

    /** The datasource reference every panel and query uses: the dashboard's variable. */
    static final Map<String, Object> DATASOURCE = Map.of("type", "prometheus", "uid", "${" + PoolDashboard.DATASOURCE_VARIABLE + "}");

    private final String type;
    private final String title;
    private final String description;
    private final String unit;
    private final List<Map<String, Object>> targets = new ArrayList<>();
    private final Map<String, Object> custom = new LinkedHashMap<>();
    private final Map<String, Object> options = new LinkedHashMap<>();
    private final List<Map<String, Object>> overrides = new ArrayList<>();
    private final List<Map<String, Object>> thresholdSteps = new ArrayList<>();
    private final Map<String, Object> valueMappings = new LinkedHashMap<>();
    private Double min;
    private Double max;

    private Panel(String type, String title, String description, String unit) {
        this.type = type;
        this.title = title;
        this.description = description;
        this.unit = unit;
        thresholdSteps.add(step("green", null));
    }

    static Panel timeseries(String title, String description, String unit) {
        Panel panel = new Panel("timeseries", title, description, unit);
        panel.custom.put("drawStyle", "line");
        panel.custom.put("lineWidth", 1);
        panel.custom.put("fillOpacity", 10);
        panel.custom.put("showPoints", "never");
        panel.custom.put("spanNulls", false);
        panel.options.put("legend", Map.of("displayMode", "table", "placement", "right", "showLegend", true,
                "calcs", List.of("lastNotNull", "max")));
        panel.options.put("tooltip", Map.of("mode", "multi", "sort", "desc"));
        return panel;
    }

    static Panel barGauge(String title, String description, String unit) {
        Panel panel = new Panel("bargauge", title, description, unit);
        panel.options.put("displayMode", "gradient");
        panel.options.put("orientation", "horizontal");
        panel.options.put("showUnfilled", true);
        panel.options.put("reduceOptions", Map.of("calcs", List.of("lastNotNull"), "fields", "", "values", false));
        return panel;
    }

    static Panel stat(String title, String description, String unit) {
        Panel panel = new Panel("stat", title, description, unit);
        panel.options.put("colorMode", "background");
        panel.options.put("graphMode", "area");
        panel.options.put("justifyMode", "auto");
        panel.options.put("textMode", "value");
        panel.options.put("reduceOptions", Map.of("calcs", List.of("lastNotNull"), "fields", "", "values", false));
        return panel;
    }

    /** One row per series, coloured by its value over time: for 0/1 states (see {@link #valueText}). */
    static Panel stateTimeline(String title, String description, String unit) {
        Panel panel = new Panel("state-timeline", title, description, unit);
        panel.custom.put("fillOpacity", 70);
        panel.custom.put("lineWidth", 0);
        panel.options.put("mergeValues", true);
        panel.options.put("showValue", "never");
        panel.options.put("alignValue", "left");
        panel.options.put("rowHeight", 0.9);
        panel.options.put("legend", Map.of("displayMode", "list", "placement", "bottom", "showLegend", true));
        panel.options.put("tooltip", Map.of("mode", "single", "sort", "none"));
        return panel;
    }

    /** A heatmap of histogram buckets: {@code yUnit} for the bucket bounds, {@code cellUnit} for the counts. */
    static Panel heatmap(String title, String description, String yUnit, String cellUnit) {
        Panel panel = new Panel("heatmap", title, description, cellUnit);
        panel.options.put("calculate", false);
        panel.options.put("cellGap", 1);
        panel.options.put("color", Map.of("mode", "scheme", "scheme", "Oranges", "fill", "dark-orange",
                "scale", "exponential", "exponent", 0.5, "steps", 64, "reverse", false));
        panel.options.put("rowsFrame", Map.of("layout", "auto"));
        panel.options.put("yAxis", Map.of("axisPlacement", "left", "unit", yUnit, "reverse", false));
        panel.options.put("tooltip", Map.of("mode", "single", "yHistogram", true));
        panel.options.put("legend", Map.of("show", true));
        panel.options.put("cellValues", Map.of("unit", cellUnit));
        return panel;
    }

    /** A range query; {@code legend} uses Grafana's {@code {{label}}} syntax. */
    Panel query(String expr, String legend) {
        return target(expr, legend, false, "time_series");
    }

    /** An instant query (one value per series, for bar gauges and stats). */
    Panel instantQuery(String expr, String legend) {
        return target(expr, legend, true, "time_series");
    }

    /** A query whose series are histogram buckets, for the heatmap. */
    Panel heatmapQuery(String expr, String legend) {
        return target(expr, legend, false, "heatmap");
    }

    Panel range(Double min, Double max) {
        this.min = min;
        this.max = max;
        return this;
    }

    /** Colour steps: from {@code value} on, {@code color}; shown as dashed lines on time series. */
    Panel threshold(String color, double value) {
        thresholdSteps.add(step(color, value));
        if (!"state-timeline".equals(type)) { // a state timeline colours its rows by them instead
            custom.put("thresholdsStyle", Map.of("mode", "dashed"));
        }
        return this;
    }

    /** Shows {@code value} as {@code text} in {@code color} (a Grafana value mapping). */
    Panel valueText(double value, String text, String color) {
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("text", text);
        mapping.put("color", color);
        mapping.put("index", valueMappings.size());
        valueMappings.put(PromQl.number(value), mapping);
        return this;
    }

    /** Draws the series of query {@code refId} as a dashed line without fill (a limit, not a load). */
    Panel dashed(String refId) {
        overrides.add(Map.of(
                "matcher", Map.of("id", "byFrameRefID", "options", refId),
                "properties", List.of(
                        Map.of("id", "custom.lineStyle", "value", Map.of("fill", "dash", "dash", List.of(10, 10))),
                        Map.of("id", "custom.fillOpacity", "value", 0))));
        return this;
    }

    String title() {
        return title;
    }

    List<String> expressions() {
        return targets.stream().map(t -> (String) t.get("expr")).toList();
    }

    Map<String, Object> toJson(int id, Map<String, Object> gridPos) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("unit", unit);
        if (min != null) {
            defaults.put("min", min);
        }
        if (max != null) {
            defaults.put("max", max);
        }
        defaults.put("color", Map.of("mode", "heatmap".equals(type) ? "scheme" : "palette-classic"));
        defaults.put("thresholds", Map.of("mode", "absolute", "steps", thresholdSteps));
        if (!valueMappings.isEmpty()) {
            defaults.put("mappings", List.of(Map.of("type", "value", "options", valueMappings)));
        }
        if (!custom.isEmpty()) {
            defaults.put("custom", custom);
        }
        Map<String, Object> panel = new LinkedHashMap<>();
        panel.put("id", id);
        panel.put("type", type);
        panel.put("title", title);
        panel.put("description", description);
        panel.put("datasource", DATASOURCE);
        panel.put("gridPos", gridPos);
        panel.put("fieldConfig", Map.of("defaults", defaults, "overrides", overrides));
        panel.put("options", options);
        panel.put("targets", targets);
        return panel;
    }

    private Panel target(String expr, String legend, boolean instant, String format) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("refId", String.valueOf((char) ('A' + targets.size())));
        target.put("datasource", DATASOURCE);
        target.put("expr", expr);
        target.put("legendFormat", legend);
        target.put("range", !instant);
        target.put("instant", instant);
        target.put("format", format);
        targets.add(target);
        return this;
    }

    private static Map<String, Object> step(String color, Double value) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("color", color);
        step.put("value", value);
        return step;
    }
}
