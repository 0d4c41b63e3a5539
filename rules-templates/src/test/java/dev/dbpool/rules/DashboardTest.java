package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.EmitOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.rules.dashboard.PoolDashboard;
import dev.dbpool.runtime.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard follows the conventions of DESIGN §5. */
class DashboardTest {

    private static final JsonNode DASHBOARD = read(Fleet.defaults());
    private static final Pattern RANGE = Pattern.compile("(rate|increase|irate)\\([^\\[]*\\[([^]]*)]");

    @Test
    void hasAStableUidAndTitle() {
        assertThat(DASHBOARD.get("uid").asText()).isEqualTo("dbpool-connection-pools");
        assertThat(DASHBOARD.get("title").asText()).isEqualTo(PoolDashboard.TITLE);
        assertThat(DASHBOARD.get("id").isNull()).as("id null so that import creates or overwrites by uid").isTrue();
    }

    @Test
    void hasADatasourceVariableAndAMultiValueServiceVariable() {
        JsonNode datasource = variable("datasource");
        assertThat(datasource.get("type").asText()).isEqualTo("datasource");
        assertThat(datasource.get("query").asText()).isEqualTo("prometheus");

        JsonNode service = variable("service");
        assertThat(service.get("multi").asBoolean()).isTrue();
        assertThat(service.get("includeAll").asBoolean()).isTrue();
        assertThat(service.get("datasource").get("uid").asText()).isEqualTo("${datasource}");
        assertThat(service.get("definition").asText()).isEqualTo("label_values(db_pool_connections, service)");
    }

    @Test
    void everyPanelHasATitleADescriptionAUnitAndUsesTheDatasourceVariable() {
        for (JsonNode panel : DASHBOARD.get("panels")) {
            String title = panel.get("title").asText();
            assertThat(title).isNotBlank();
            assertThat(panel.get("description").asText()).as(title).hasSizeGreaterThan(20);
            assertThat(panel.get("datasource").get("uid").asText()).as(title).isEqualTo("${datasource}");
            assertThat(panel.at("/fieldConfig/defaults/unit").asText()).as(title).isNotBlank();
            assertThat(panel.get("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("datasource").get("uid").asText()).as(title).isEqualTo("${datasource}");
                assertThat(target.get("expr").asText()).as(title).isNotBlank();
            }
        }
    }

    @Test
    void everyRateUsesTheRateInterval() {
        List<String> ranges = new ArrayList<>();
        for (String expr : exprs()) {
            Matcher range = RANGE.matcher(expr);
            while (range.find()) {
                ranges.add(range.group(2));
            }
        }
        assertThat(ranges).isNotEmpty().containsOnly("$__rate_interval");
    }

    @Test
    void panelsFilterByTheServiceVariable() {
        for (JsonNode panel : DASHBOARD.get("panels")) {
            if (panel.get("title").asText().startsWith("Fleet")) {
                continue; // the fleet's allocation is all services by definition
            }
            for (JsonNode target : panel.get("targets")) {
                assertThat(target.get("expr").asText()).contains("service=~\"$service\"");
            }
        }
    }

    @Test
    void hasThePanelsOfTheDesignWithTheirUnits() {
        assertThat(panel("Pool utilization by service").at("/fieldConfig/defaults/unit").asText()).isEqualTo("percentunit");
        assertThat(panel("Active vs idle connections").toString()).contains("active|idle");
        assertThat(panel("Connection acquisition latency (P95 / P99)").at("/fieldConfig/defaults/unit").asText()).isEqualTo("s");
        assertThat(panel("Connection acquisition latency (P95 / P99)").toString())
                .contains("histogram_quantile(0.95", "histogram_quantile(0.99");
        assertThat(panel("Connection errors by type").at("/fieldConfig/defaults/unit").asText()).isEqualTo("reqps");
        assertThat(panel("Pool exhaustion: backpressure rejections").at("/fieldConfig/defaults/unit").asText()).isEqualTo("reqps");
        assertThat(panel("Share of requests shed").at("/fieldConfig/defaults/unit").asText()).isEqualTo("percentunit");
        assertThat(panel("Share of requests shed").at("/targets/0/expr").asText())
                .contains("db_pool_exhausted_total", "db_pool_acquire_duration_seconds_count");
        assertThat(panel("Share of requests shed").at("/fieldConfig/defaults/thresholds/steps/1/value").asDouble())
                .isEqualTo(0.01);
        assertThat(panel("Top services by connections in use").toString()).contains("topk(10");
        assertThat(panel("Acquisition latency heatmap").get("type").asText()).isEqualTo("heatmap");
        assertThat(panel("Acquisition latency heatmap").at("/targets/0/format").asText()).isEqualTo("heatmap");
        assertThat(panel("Acquisition latency heatmap").at("/options/yAxis/unit").asText()).isEqualTo("s");
    }

    @Test
    void everyMetricTheRuntimeExportsHasAPanel() {
        String all = exprs().toString();
        for (String metric : MetricNames.ALL) {
            assertThat(all).as("a panel reads " + metric).contains(metric);
        }
    }

    @Test
    void theAdmissionOverloadedGaugeIsAStateTimelineOfTheBusiestReplica() {
        JsonNode overloaded = panel("Admission policy overloaded");
        assertThat(overloaded.get("type").asText()).isEqualTo("state-timeline");
        assertThat(overloaded.at("/targets/0/expr").asText())
                .isEqualTo("max by (service) (db_pool_admission_overloaded{service=~\"$service\"})");
        assertThat(overloaded.at("/fieldConfig/defaults/mappings/0/options/0/text").asText()).isEqualTo("admitting");
        assertThat(overloaded.at("/fieldConfig/defaults/mappings/0/options/1/text").asText()).isEqualTo("shedding");
        assertThat(overloaded.at("/fieldConfig/defaults/mappings/0/options/1/color").asText()).isEqualTo("red");
    }

    @Test
    void panelsDoNotOverlap() {
        List<int[]> boxes = new ArrayList<>();
        for (JsonNode panel : DASHBOARD.get("panels")) {
            JsonNode grid = panel.get("gridPos");
            int[] box = {grid.get("x").asInt(), grid.get("y").asInt(), grid.get("w").asInt(), grid.get("h").asInt()};
            assertThat(box[0] + box[2]).isLessThanOrEqualTo(24);
            for (int[] other : boxes) {
                boolean apart = box[0] >= other[0] + other[2] || other[0] >= box[0] + box[2]
                        || box[1] >= other[1] + other[3] || other[1] >= box[1] + box[3];
                assertThat(apart).as(panel.get("title").asText()).isTrue();
            }
            boxes.add(box);
        }
    }

    @Test
    void theFleetPanelShowsThePlansBudget() {
        JsonNode planned = read(Fleets.plan());
        JsonNode fleet = null;
        for (JsonNode panel : planned.get("panels")) {
            if (panel.get("title").asText().startsWith("Fleet")) {
                fleet = panel;
            }
        }
        assertThat(fleet).isNotNull();
        assertThat(fleet.at("/fieldConfig/defaults/thresholds/steps/1/value").asInt()).isEqualTo(171);
        assertThat(fleet.get("description").asText()).contains("170");
    }

    private static List<String> exprs() {
        List<String> exprs = new ArrayList<>();
        DASHBOARD.get("panels").forEach(p -> p.get("targets").forEach(t -> exprs.add(t.get("expr").asText())));
        return exprs;
    }

    private static JsonNode panel(String title) {
        for (JsonNode panel : DASHBOARD.get("panels")) {
            if (panel.get("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError("no panel '" + title + "'");
    }

    private static JsonNode variable(String name) {
        for (JsonNode variable : DASHBOARD.at("/templating/list")) {
            if (variable.get("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private static JsonNode read(Fleet fleet) {
        try {
            return new ObjectMapper().readTree(Emitter.emit(fleet, EmitOptions.ofDefaults()).get(Emitter.DASHBOARD));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
