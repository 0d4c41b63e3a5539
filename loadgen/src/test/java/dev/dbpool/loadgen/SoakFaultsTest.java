package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Runs;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short soaks (a few seconds per phase) against a real PostgreSQL: the behaviour the soak exists to
 * show. The scenario is scaled down (1 s acquire timeout, 60 request threads, 400 arrivals/s) so that
 * each phase takes seconds; the assertions are about behaviour, not timing. Every fault leaves several
 * seconds after it: recovery needs 3 good windows in a row, and a busy CI machine can spoil one.
 */
class SoakFaultsTest {

    private static SoakDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = ShortSoaks.openDatabase();
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    private static SoakScenario.Builder shortScenario(String... faults) {
        return ShortSoaks.scenario(faults);
    }

    private static SoakReport run(SoakScenario scenario) throws InterruptedException {
        return ShortSoaks.run(database, scenario);
    }

    @Test
    void aSlowdownMakesWaitTimeOutAndThePoliciesShed() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+2500ms")
                .modes(List.of(Mode.WAIT, Runs.THRESHOLD, Runs.CODEL)).build());

        RunAnalysis bp = report.run(Runs.THRESHOLD).orElseThrow();
        RunAnalysis wait = report.run(Mode.WAIT).orElseThrow();
        RunAnalysis codel = report.run(Runs.CODEL).orElseThrow();
        assertThat(bp.rejected()).isPositive();
        assertThat(bp.run().exhaustedTotal()).isPositive();
        assertThat(codel.rejected()).isPositive();
        assertThat(codel.timedOut()).isZero();
        assertThat(wait.timedOut()).isPositive();
        assertThat(wait.rejected()).isZero();
        // far fewer: at most a tenth of what waiting lost to timeouts
        assertThat(bp.timedOut()).isLessThanOrEqualTo(wait.timedOut() / 10);
        assertThat(bp.timeToImpactSeconds()).isNotNull();
        assertThat(bp.timeToRecoverSeconds()).isNotNull();
        assertThat(bp.recovered()).as(() -> Runs.describe(bp)).isTrue();
        assertThat(report.comparison()).isNotNull();
        assertThat(report.comparison().timedOutReduction()).isGreaterThanOrEqualTo(0.9);
        assertThat(report.comparison().policy()).isEqualTo(Runs.CODEL);
        assertThat(report.comparison().byMode()).containsOnlyKeys(Runs.THRESHOLD, Runs.CODEL);
        assertReportHasEveryKeyOfTheDesign(report);
        for (RunAnalysis run : List.of(bp, wait, codel)) {
            assertThat(run.offered()).isEqualTo(run.succeeded() + run.rejected() + run.timedOut() + run.errors()
                    + run.run().unfinished());
            assertThat(run.goodput() + run.late()).isEqualTo(run.succeeded());
            assertThat(run.phases().total().offered()).isEqualTo(run.offered());
            assertThat(run.phases().during().offered()).isPositive();
            assertThat(run.windows()).hasSize(12);
            assertThat(run.run().faultEvents()).singleElement().satisfies(e -> assertThat(e.error()).isNull());
            assertThat(run.run().activeConnectionsAfter()).isZero();
        }
    }

    private static void assertReportHasEveryKeyOfTheDesign(SoakReport report) {
        JsonNode json = ReportJson.tree(report);
        assertThat(json.fieldNames()).toIterable().contains("service", "pool", "scenario", "runs", "comparison",
                "default_policy");
        assertThat(json.get("pool").fieldNames()).toIterable()
                .contains("max_connections", "min_connections", "acquire_timeout_ms");
        assertThat(json.get("scenario").fieldNames()).toIterable().contains("duration_s", "rate_per_s", "faults");
        assertThat(json.get("runs")).hasSize(3);
        for (JsonNode run : json.get("runs")) {
            assertThat(run.fieldNames()).toIterable().contains("mode", "offered", "succeeded", "rejected",
                    "timed_out", "errors", "latency_ms", "max_utilization", "exhausted_total", "time_to_impact_s",
                    "time_to_recover_s", "recovered", "valid", "goodput", "late", "deadline_ms", "steady_shed_ratio",
                    "goodput_ratio", "phases");
            for (String phase : List.of("before", "during", "after")) {
                assertThat(run.get("phases").get(phase).fieldNames()).toIterable()
                        .contains("offered", "goodput", "rejected", "timed_out", "late", "errors");
            }
            assertThat(run.get("latency_ms").fieldNames()).toIterable().contains("p50", "p95", "p99", "p999", "max");
        }
        assertThat(json.get("comparison").fieldNames()).toIterable().contains("timed_out_reduction", "ttr_reduction",
                "goodput_gain", "by_mode");
        assertThat(json.get("comparison").get("by_mode").fieldNames()).toIterable().containsExactly("threshold", "codel");
        assertThat(json.get("service").asText()).isEqualTo("auth-service");
        assertThat(json.get("pool").get("acquire_timeout_ms").asLong()).isEqualTo(1000);

        String html = HtmlReport.write(report);
        // The outcomes by mode, goodput, latency, shed (when anything was shed), utilization, waiting, one per mode.
        assertThat(html.split("data:image/png;base64,", -1).length - 1).isBetween(8, 9);
        assertThat(html).contains("<h2 id=\"phases\">Phases</h2>", "Goodput per second", "<nav class=\"toc\">",
                "<details><summary>", "Latency of answered requests");
        // The first screen says what to do, then shows why, before the verdict's detail.
        assertThat(html.indexOf("class=\"recommendation")).isPositive()
                .isLessThan(html.indexOf("What became of the offered requests"));
        assertThat(html.indexOf("What became of the offered requests")).isLessThan(html.indexOf("id=\"verdict\""));
        assertThat(html).doesNotContain("http://", "https://", "<script");
    }

    @Test
    void aFaultThatNeverClearsHasNoTimeToRecover() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+3s").duration(Duration.ofSeconds(6))
                .modes(List.of(Runs.THRESHOLD)).build());

        RunAnalysis bp = report.run(Runs.THRESHOLD).orElseThrow();
        assertThat(bp.timeToImpactSeconds()).isNotNull();
        assertThat(bp.timeToRecoverSeconds()).isNull();
        assertThat(bp.recovered()).isFalse();
    }

    @Test
    void aKillFaultRecoversAndLeaksNoConnection() throws Exception {
        SoakReport report = run(shortScenario("kill@3s+2s").modes(List.of(Mode.WAIT)).build());

        RunAnalysis wait = report.run(Mode.WAIT).orElseThrow();
        assertThat(wait.errors()).isPositive();
        assertThat(wait.run().errorsByClass()).isNotEmpty();
        assertThat(wait.recovered()).as(() -> Runs.describe(wait)).isTrue();
        assertThat(wait.run().activeConnectionsAfter()).isZero();
        assertThat(wait.run().faultEvents()).singleElement().satisfies(e -> assertThat(e.error()).isNull());
    }

    @Test
    void aSpikeRaisesTheOfferedLoadInItsWindow() throws Exception {
        SoakReport report = run(shortScenario("spike:3@3s+2s").duration(Duration.ofSeconds(6))
                .modes(List.of(Runs.THRESHOLD)).build());

        RunAnalysis bp = report.run(Runs.THRESHOLD).orElseThrow();
        long before = bp.windows().get(1).offered();
        long during = bp.windows().get(3).offered();
        assertThat(during).isGreaterThan(2 * before);
    }
}
