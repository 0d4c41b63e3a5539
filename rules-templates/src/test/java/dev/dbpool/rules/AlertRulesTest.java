package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.promql.PromDuration;
import dev.dbpool.runtime.metrics.MetricNames;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRulesTest {

    private static final GeneratedFiles DEFAULTS = Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults());
    private static final GeneratedFiles PLAN = Emitter.emit(Fleets.plan(), EmitOptions.ofDefaults());
    private static final Pattern METRIC = Pattern.compile("db_pool_[a-z_]+");
    private static final Pattern COMPARISON = Pattern.compile("\\s(>|<|>=|<=|==|!=)\\s[0-9.]+$");

    @Test
    void theOriginalFourAlertsKeepTheirNamesNextToTheFleetAlerts() {
        assertThat(names(DEFAULTS)).containsExactly("PoolExhaustion", "HighPoolUtilization", "VerySlowPoolAcquisition",
                "PoolConnectionErrors", "PoolThreadsWaiting", "FleetConnectionBudgetExceeded");
    }

    @Test
    void theOriginalThresholdsAndForsAreKept() {
        assertThat(rule(DEFAULTS, "PoolExhaustion")).containsEntry("for", "2m")
                .containsEntry("expr", "sum by (service) (rate(db_pool_exhausted_total[5m])) / ("
                        + "sum by (service) (rate(db_pool_acquire_duration_seconds_count[5m])) + "
                        + "sum by (service) (rate(db_pool_exhausted_total[5m]))) > 0.01");
        assertThat(rule(DEFAULTS, "HighPoolUtilization")).containsEntry("for", "5m")
                .containsEntry("expr", "db_pool_utilization_ratio > 0.8");
        assertThat(rule(DEFAULTS, "VerySlowPoolAcquisition")).containsEntry("for", "1m")
                .containsEntry("expr", "histogram_quantile(0.95, sum by (service, le) "
                        + "(rate(db_pool_acquire_duration_seconds_bucket[5m]))) > 5");
        assertThat(rule(DEFAULTS, "PoolConnectionErrors")).containsEntry("for", "2m")
                .containsEntry("expr", "sum by (service, error_type) (rate(db_pool_connection_errors_total[5m])) > 0.01");
        assertThat(rule(DEFAULTS, "FleetConnectionBudgetExceeded"))
                .containsEntry("expr", "sum(db_pool_connections{state=\"max\"}) > 80");
    }

    @Test
    void everyAlertHasSeveritySummaryDescriptionRunbookAForAndAComparison() {
        for (GeneratedFiles files : List.of(DEFAULTS, PLAN)) {
            for (Map<String, Object> rule : RulesYaml.alerts(files)) {
                String name = (String) rule.get("alert");
                assertThat(RulesYaml.map(rule, "labels").get("severity")).as(name).isIn("critical", "warning");
                assertThat(RulesYaml.map(rule, "annotations")).as(name)
                        .containsKeys("summary", "description", "runbook_url");
                assertThat(RulesYaml.map(rule, "annotations").get("runbook_url")).as(name)
                        .startsWith(EmitOptions.DEFAULT_RUNBOOK_URL + "#");
                assertThat(PromDuration.parse((String) rule.get("for"))).as(name).isPositive();
                assertThat((String) rule.get("expr")).as(name).containsPattern(COMPARISON);
            }
        }
    }

    @Test
    void countersAndBucketsAreOnlyReadThroughRate() {
        Set<String> counters = Set.of(MetricNames.CONNECTION_ERRORS, MetricNames.EXHAUSTED,
                MetricNames.ACQUIRE_DURATION + "_bucket", MetricNames.ACQUIRE_DURATION + "_count");
        for (Map<String, Object> rule : RulesYaml.alerts(PLAN)) {
            String expr = (String) rule.get("expr");
            Matcher metric = METRIC.matcher(expr);
            while (metric.find()) {
                if (counters.contains(metric.group())) {
                    assertThat(expr.substring(0, metric.start())).as(expr).endsWith("rate(");
                }
            }
        }
    }

    @Test
    void ratiosArePrintedAsPercentagesAndDurationsAsDurations() {
        assertThat(RulesYaml.map(rule(DEFAULTS, "HighPoolUtilization"), "annotations").get("description"))
                .contains("{{ $value | humanizePercentage }}");
        assertThat(RulesYaml.map(rule(DEFAULTS, "VerySlowPoolAcquisition"), "annotations").get("description"))
                .contains("{{ $value | humanizeDuration }}");
        assertThat(RulesYaml.map(rule(DEFAULTS, "PoolExhaustion"), "annotations").get("description"))
                .contains("{{ $value | humanizePercentage }}", "(alert threshold 1%)");
    }

    @Test
    void everyMetricNameInTheFilesComesFromMetricNames() {
        Set<String> known = new java.util.HashSet<>(MetricNames.ALL);
        known.add(MetricNames.ACQUIRE_DURATION + "_bucket");
        known.add(MetricNames.ACQUIRE_DURATION + "_count");
        for (GeneratedFiles files : List.of(DEFAULTS, PLAN)) {
            for (String content : files.files().values()) {
                Matcher metric = METRIC.matcher(content);
                while (metric.find()) {
                    assertThat(known).as("metric name in generated output").contains(metric.group());
                }
            }
        }
    }

    @Test
    void theLatencyThresholdSitsOnAHistogramBucket() {
        String expr = (String) rule(DEFAULTS, "VerySlowPoolAcquisition").get("expr");
        double threshold = Double.parseDouble(expr.substring(expr.lastIndexOf('>') + 1).strip());

        assertThat(MetricNames.ACQUIRE_BUCKETS_SECONDS).contains(threshold);
    }

    @Test
    void aPlanGivesEachServiceItsOwnUtilizationRuleAndTheRestTheDefault() {
        List<String> utilization = RulesYaml.alerts(PLAN).stream()
                .filter(r -> "HighPoolUtilization".equals(r.get("alert")))
                .map(r -> (String) r.get("expr")).toList();

        assertThat(utilization).contains(
                "db_pool_utilization_ratio{service=\"auth-service\"} > 0.78",
                "db_pool_utilization_ratio{service=\"cdn-service\"} > 0.5",
                "db_pool_utilization_ratio{service=\"video-service\"} > 0.62",
                "db_pool_utilization_ratio{service=\"billing-service\"} > 0.85",
                "db_pool_utilization_ratio{service=\"cron.worker+1\"} > 0.85",
                "db_pool_utilization_ratio{service!~\"auth-service|cdn-service|video-service|media-service"
                        + "|billing-service|cron\\\\.worker\\\\+1|no-backpressure\"} > 0.8");
        assertThat(utilization).hasSize(Fleets.plan().services().size() + 1);
    }

    @Test
    void aPlanSetsTheFleetBudgetToItsAvailableConnections() {
        assertThat((String) rule(PLAN, "FleetConnectionBudgetExceeded").get("expr")).endsWith(" > 170");
        assertThat(RulesYaml.map(rule(PLAN, "FleetConnectionBudgetExceeded"), "annotations").get("description"))
                .contains("more than the 170 the database has for applications (max_connections 200 - 30 reserved)");
    }

    @Test
    void forOverrideChangesEveryForAndNothingElse() {
        GeneratedFiles shortened = Emitter.emit(Fleets.plan(), EmitOptions.ofDefaults().withForOverride(Duration.ofSeconds(5)));
        List<Map<String, Object>> original = RulesYaml.alerts(PLAN);
        List<Map<String, Object>> overridden = RulesYaml.alerts(shortened);

        assertThat(overridden).hasSameSizeAs(original);
        for (int i = 0; i < original.size(); i++) {
            assertThat(overridden.get(i).get("for")).isEqualTo("5s");
            Map<String, Object> withoutFor = new java.util.HashMap<>(overridden.get(i));
            withoutFor.put("for", original.get(i).get("for"));
            assertThat(withoutFor).isEqualTo(original.get(i));
        }
        assertThat(shortened.get(Emitter.ALERTS)).contains("FOR-OVERRIDE 5s", "Do not deploy these rules");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasAFiringAndAQuietTest() {
        for (GeneratedFiles files : List.of(DEFAULTS, PLAN)) {
            Set<String> tested = RulesYaml.testGroups(files).stream()
                    .flatMap(g -> ((List<Map<String, Object>>) g.get("alert_rule_test")).stream())
                    .filter(check -> !((List<?>) check.get("exp_alerts")).isEmpty())
                    .map(check -> (String) check.get("alertname"))
                    .collect(Collectors.toSet());
            Set<String> quiet = RulesYaml.testGroups(files).stream()
                    .flatMap(g -> ((List<Map<String, Object>>) g.get("alert_rule_test")).stream())
                    .filter(check -> ((List<?>) check.get("exp_alerts")).isEmpty())
                    .map(check -> (String) check.get("alertname"))
                    .collect(Collectors.toSet());
            assertThat(tested).containsExactlyInAnyOrderElementsOf(names(files));
            assertThat(quiet).containsExactlyInAnyOrderElementsOf(names(files));
        }
    }

    @Test
    void thePlanHasOneTestGroupPerUtilizationRule() {
        long utilizationGroups = RulesYaml.testGroups(PLAN).stream()
                .filter(g -> ((String) g.get("name")).startsWith("HighPoolUtilization")).count();

        assertThat(utilizationGroups).isEqualTo(Fleets.plan().services().size() + 1);
    }

    private static List<String> names(GeneratedFiles files) {
        return RulesYaml.alerts(files).stream().map(r -> (String) r.get("alert")).distinct().toList();
    }

    private static Map<String, Object> rule(GeneratedFiles files, String name) {
        return RulesYaml.alerts(files).stream().filter(r -> name.equals(r.get("alert"))).findFirst().orElseThrow();
    }
}
