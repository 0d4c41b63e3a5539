package dev.dbpool.rules.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.dbpool.rules.model.ConnectionBudget;
import dev.dbpool.rules.format.GoTemplateFormat;
import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.runtime.BackpressureConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.ACQUIRE_DURATION;
import static dev.dbpool.runtime.metrics.MetricNames.ADMISSION_OVERLOADED;
import static dev.dbpool.runtime.metrics.MetricNames.CONNECTIONS;
import static dev.dbpool.runtime.metrics.MetricNames.CONNECTIONS_PENDING;
import static dev.dbpool.runtime.metrics.MetricNames.CONNECTION_ERRORS;
import static dev.dbpool.runtime.metrics.MetricNames.EXHAUSTED;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_ERROR_TYPE;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_STATE;
import static dev.dbpool.runtime.metrics.MetricNames.STATE_ACTIVE;
import static dev.dbpool.runtime.metrics.MetricNames.STATE_IDLE;
import static dev.dbpool.runtime.metrics.MetricNames.STATE_MAX;
import static dev.dbpool.runtime.metrics.MetricNames.UTILIZATION;

/**
 * The Grafana dashboard for the runtime's metrics (DESIGN §5): a stable uid, a {@code datasource}
 * variable every panel uses, a multi-value {@code service} variable, {@code $__rate_interval} in
 * every rate and a unit, title and description on every panel.
 */
public final class PoolDashboard {

    public static final String UID = "dbpool-connection-pools";
    public static final String TITLE = "dbpool: database connection pools";
    public static final String DATASOURCE_VARIABLE = "datasource";
    public static final String SERVICE_VARIABLE = "service";
    /** Grafana's rate window: at least four scrape intervals, whatever the zoom. */
    public static final String RATE_INTERVAL = "$__rate_interval";

    /** Grafana's schema of the JSON model written here (Grafana 10.x/11.x import it as is). */
    private static final int SCHEMA_VERSION = 39;
    private static final int GRID_WIDTH = 24;
    private static final int PANEL_HEIGHT = 8;
    private static final double UTILIZATION_WARNING = 0.80;

    private final ConnectionBudget budget;
    private final double latencyThresholdSeconds;
    private final double shedShareThreshold;

    /**
     * @param budget                  drawn as the limit of the fleet allocation panel
     * @param latencyThresholdSeconds drawn on the latency panel: the VerySlowPoolAcquisition threshold
     * @param shedShareThreshold      drawn on the shed share panel: the PoolExhaustion threshold
     */
    public PoolDashboard(ConnectionBudget budget, double latencyThresholdSeconds, double shedShareThreshold) {
        this.budget = budget;
        this.latencyThresholdSeconds = latencyThresholdSeconds;
        this.shedShareThreshold = shedShareThreshold;
    }

    /** The panels in layout order: two per row, the heatmap full width at the bottom. */
    List<Panel> panels() {
        String service = "$" + SERVICE_VARIABLE;
        String utilization = sel(UTILIZATION, PromQl.regex(LABEL_SERVICE, service));
        String inUse = sel(CONNECTIONS, PromQl.regex(LABEL_SERVICE, service), PromQl.regex(LABEL_STATE, STATE_ACTIVE + "|" + STATE_IDLE));
        String limit = sel(CONNECTIONS, PromQl.regex(LABEL_SERVICE, service), PromQl.eq(LABEL_STATE, STATE_MAX));
        String active = sel(CONNECTIONS, PromQl.regex(LABEL_SERVICE, service), PromQl.eq(LABEL_STATE, STATE_ACTIVE));
        String buckets = rate(sel(PromQl.buckets(ACQUIRE_DURATION), PromQl.regex(LABEL_SERVICE, service)));
        List<Panel> panels = new ArrayList<>();
        panels.add(Panel.timeseries("Pool utilization by service",
                        "Connections in use / pool size, the busiest replica of each service. Backpressure rejects above "
                                + "the service's threshold (" + percent(BackpressureConfig.DEFAULT_THRESHOLD)
                                + " by default); HighPoolUtilization warns at " + percent(UTILIZATION_WARNING) + ".",
                        "percentunit")
                .query("max by (" + LABEL_SERVICE + ") (" + utilization + ")", "{{" + LABEL_SERVICE + "}}")
                .range(0.0, 1.0)
                .threshold("orange", UTILIZATION_WARNING)
                .threshold("red", BackpressureConfig.DEFAULT_THRESHOLD));
        panels.add(Panel.timeseries("Active vs idle connections",
                        "Connections in use (active) and open but free (idle), summed over each service's replicas; "
                                + "the dashed line is the pools' size (max). No idle connections for long: the pool is "
                                + "undersized or connections are held too long.",
                        "short")
                .query("sum by (" + LABEL_SERVICE + ", " + LABEL_STATE + ") (" + inUse + ")",
                        "{{" + LABEL_SERVICE + "}} {{" + LABEL_STATE + "}}")
                .query("sum by (" + LABEL_SERVICE + ") (" + limit + ")", "{{" + LABEL_SERVICE + "}} max")
                .dashed("B")
                .range(0.0, null));
        panels.add(Panel.timeseries("Connection acquisition latency (P95 / P99)",
                        "How long a request waits for a connection, per service, from the acquire-duration histogram "
                                + "summed over replicas. VerySlowPoolAcquisition fires when P95 stays above "
                                + PromQl.number(latencyThresholdSeconds) + " s.",
                        "s")
                .query(quantile(0.95, buckets), "{{" + LABEL_SERVICE + "}} p95")
                .query(quantile(0.99, buckets), "{{" + LABEL_SERVICE + "}} p99")
                .range(0.0, null)
                .threshold("red", latencyThresholdSeconds));
        panels.add(Panel.timeseries("Connection errors by type",
                        "Failed acquisitions per second by error type: timeout (waited the acquire timeout: the pool "
                                + "is too small or connections are held too long), closed (the database closed the "
                                + "connection: restart, terminated session), other.",
                        "reqps")
                .query("sum by (" + LABEL_SERVICE + ", " + LABEL_ERROR_TYPE + ") ("
                                + rate(sel(CONNECTION_ERRORS, PromQl.regex(LABEL_SERVICE, service))) + ")",
                        "{{" + LABEL_SERVICE + "}} {{" + LABEL_ERROR_TYPE + "}}")
                .range(0.0, null));
        String shed = "sum by (" + LABEL_SERVICE + ") (" + rate(sel(EXHAUSTED, PromQl.regex(LABEL_SERVICE, service))) + ")";
        String timed = "sum by (" + LABEL_SERVICE + ") ("
                + rate(sel(PromQl.count(ACQUIRE_DURATION), PromQl.regex(LABEL_SERVICE, service))) + ")";
        panels.add(Panel.timeseries("Pool exhaustion: backpressure rejections",
                        "Requests per second shed by the admission policy, summed over replicas: refused at once, or "
                                + "their bounded wait for a connection ran out. Fast failures by design, but each one is "
                                + "a failed request; the panel beside it shows them as a share of all requests.",
                        "reqps")
                .query(shed, "{{" + LABEL_SERVICE + "}}")
                .range(0.0, null));
        panels.add(Panel.timeseries("Share of requests shed",
                        "Shed requests / (timed acquisitions + shed requests), per service: what PoolExhaustion "
                                + "alerts on above " + GoTemplateFormat.humanizePercentage(shedShareThreshold)
                                + " (the dashed line). The default policy (codel) sheds nothing while the pool is "
                                + "healthy, so any lasting share is news.",
                        "percentunit")
                .query(shed + " / (" + timed + " + " + shed + ")", "{{" + LABEL_SERVICE + "}}")
                .range(0.0, null)
                .threshold("red", shedShareThreshold));
        panels.add(Panel.stateTimeline("Admission policy overloaded",
                        "Whether the pool's admission policy sees overload and sheds (db_pool_admission_overloaded; "
                                + "red if any replica of the service does): codel, a queue has stood for an interval; "
                                + "threshold, utilization above the threshold. The cause behind the shed share; read the "
                                + "two together.",
                        "bool_on_off")
                .query("max by (" + LABEL_SERVICE + ") (" + sel(ADMISSION_OVERLOADED, PromQl.regex(LABEL_SERVICE, service))
                        + ")", "{{" + LABEL_SERVICE + "}}")
                .valueText(0, "admitting", "green")
                .valueText(1, "shedding", "red")
                .threshold("red", 1)
                .range(0.0, 1.0));
        panels.add(Panel.timeseries("Threads waiting for a connection",
                        "Threads queued in the pools of each service (summed over replicas). Waiting threads become "
                                + "acquire timeouts; PoolThreadsWaiting fires when the queue never empties.",
                        "short")
                .query("sum by (" + LABEL_SERVICE + ") (" + sel(CONNECTIONS_PENDING, PromQl.regex(LABEL_SERVICE, service)) + ")",
                        "{{" + LABEL_SERVICE + "}}")
                .range(0.0, null));
        panels.add(Panel.barGauge("Top services by connections in use",
                        "The ten services with the most connections in use right now, summed over replicas.",
                        "short")
                .instantQuery("topk(10, sum by (" + LABEL_SERVICE + ") (" + active + "))", "{{" + LABEL_SERVICE + "}}")
                .range(0.0, null));
        panels.add(Panel.stat("Fleet allocation vs budget",
                        "Connections all running pools may open together (the sum of every pool's max, all "
                                + "services, ignores the service filter), against the " + budget.available()
                                + " the database has for applications (max_connections " + budget.maxConnections()
                                + " - " + budget.reservedConnections() + " reserved). Red: FleetConnectionBudgetExceeded.",
                        "short")
                .query("sum(" + sel(CONNECTIONS, PromQl.eq(LABEL_STATE, STATE_MAX)) + ")", "allocated")
                .threshold("red", budget.available() + 1)
                .range(0.0, null));
        panels.add(Panel.heatmap("Acquisition latency heatmap",
                        "Acquisitions per second in each latency bucket, all selected services together: a band "
                                + "moving up is the pool starting to queue.",
                        "s", "reqps")
                .heatmapQuery("sum by (" + PromQl.LE + ") (" + buckets + ")", "{{" + PromQl.LE + "}}"));
        return panels;
    }

    /** The dashboard's JSON, deterministic (sorted keys) for {@code dbpool emit --check}. */
    public String render(String generatedBy) {
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("uid", UID);
        dashboard.put("title", TITLE);
        dashboard.put("description", "Connection pools of the services that embed dbpool-runtime. " + generatedBy);
        dashboard.put("tags", List.of("dbpool", "postgresql", "connection-pool"));
        dashboard.put("id", null);
        dashboard.put("version", 1);
        dashboard.put("schemaVersion", SCHEMA_VERSION);
        dashboard.put("editable", true);
        dashboard.put("graphTooltip", 1);
        dashboard.put("refresh", "30s");
        dashboard.put("time", Map.of("from", "now-6h", "to", "now"));
        dashboard.put("timepicker", Map.of());
        dashboard.put("timezone", "");
        dashboard.put("links", List.of());
        dashboard.put("annotations", Map.of("list", List.of(builtInAnnotations())));
        dashboard.put("templating", Map.of("list", List.of(datasourceVariable(), serviceVariable())));
        dashboard.put("panels", layout(panels()));
        return json(dashboard);
    }

    /** Every query of every panel, for checking that each parses as PromQL. */
    public List<String> queries() {
        return panels().stream().flatMap(p -> p.expressions().stream()).toList();
    }

    private static List<Map<String, Object>> layout(List<Panel> panels) {
        List<Map<String, Object>> placed = new ArrayList<>();
        int x = 0;
        int y = 0;
        for (int i = 0; i < panels.size(); i++) {
            boolean last = i == panels.size() - 1;
            int width = last ? GRID_WIDTH : GRID_WIDTH / 2;
            if (x + width > GRID_WIDTH) {
                x = 0;
                y += PANEL_HEIGHT;
            }
            placed.add(panels.get(i).toJson(i + 1, Map.of("x", x, "y", y, "w", width, "h", PANEL_HEIGHT)));
            x += width;
        }
        return placed;
    }

    private static Map<String, Object> datasourceVariable() {
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("name", DATASOURCE_VARIABLE);
        variable.put("label", "Data source");
        variable.put("type", "datasource");
        variable.put("query", "prometheus");
        variable.put("current", Map.of());
        variable.put("hide", 0);
        variable.put("includeAll", false);
        variable.put("multi", false);
        variable.put("options", List.of());
        variable.put("refresh", 1);
        variable.put("regex", "");
        return variable;
    }

    private static Map<String, Object> serviceVariable() {
        String query = "label_values(" + CONNECTIONS + ", " + LABEL_SERVICE + ")";
        Map<String, Object> variable = new LinkedHashMap<>();
        variable.put("name", SERVICE_VARIABLE);
        variable.put("label", "Service");
        variable.put("type", "query");
        variable.put("datasource", Panel.DATASOURCE);
        variable.put("definition", query);
        variable.put("query", Map.of("query", query, "refId", "PrometheusVariableQueryEditor-VariableQuery"));
        variable.put("refresh", 2);
        variable.put("multi", true);
        variable.put("includeAll", true);
        // '.*' rather than a regex of every value: short queries, and new services show up at once.
        variable.put("allValue", ".*");
        variable.put("current", Map.of("selected", true, "text", List.of("All"), "value", List.of("$__all")));
        variable.put("options", List.of());
        variable.put("regex", "");
        variable.put("sort", 1);
        variable.put("hide", 0);
        return variable;
    }

    private static Map<String, Object> builtInAnnotations() {
        Map<String, Object> annotation = new LinkedHashMap<>();
        annotation.put("builtIn", 1);
        annotation.put("datasource", Map.of("type", "grafana", "uid", "-- Grafana --"));
        annotation.put("enable", true);
        annotation.put("hide", true);
        annotation.put("iconColor", "rgba(0, 211, 255, 1)");
        annotation.put("name", "Annotations & Alerts");
        annotation.put("type", "dashboard");
        return annotation;
    }

    private static String sel(String metric, PromQl.LabelMatcher... matchers) {
        return PromQl.selector(metric, matchers);
    }

    private static String rate(String selector) {
        return "rate(" + selector + "[" + RATE_INTERVAL + "])";
    }

    private static String quantile(double q, String bucketRate) {
        return "histogram_quantile(" + PromQl.number(q) + ", sum by (" + LABEL_SERVICE + ", " + PromQl.LE + ") (" + bucketRate + "))";
    }

    private static String percent(double ratio) {
        return Math.round(ratio * 100) + "%";
    }

    private static String json(Object tree) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator(""));
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        printer.indentArraysWith(indenter);
        printer.indentObjectsWith(indenter);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        try {
            return mapper.writer(printer).writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dashboard model is not serializable", e);
        }
    }
}
