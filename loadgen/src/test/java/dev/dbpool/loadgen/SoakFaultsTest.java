package dev.dbpool.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbpool.loadgen.report.HtmlReport;
import dev.dbpool.loadgen.report.ReportJson;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Short soaks (a few seconds per phase) against a real PostgreSQL: the behaviour the soak exists to
 * show. The scenario is scaled down (1 s acquire timeout, 60 request threads, 400 arrivals/s) so that
 * each phase takes seconds; the assertions are about behaviour, not timing.
 */
class SoakFaultsTest {

    private static SoakDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = SoakDatabase.external(TestDatabase.get().databaseUrl(), null);
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    private static SoakScenario.Builder shortScenario(String... faults) {
        return SoakScenario.builder("auth-service")
                .duration(Duration.ofSeconds(9))
                .warmup(Duration.ofSeconds(1))
                .rate(400)
                .threads(60)
                .acquireTimeout(Duration.ofSeconds(1))
                .workload(Workload.ofDefaults().withRows(10_000))
                .faults(List.of(faults).stream().map(Fault::parse).toList());
    }

    private static SoakReport run(SoakScenario scenario) throws InterruptedException {
        return SoakRunner.run(scenario, database, new SimpleMeterRegistry(), SoakListener.NONE);
    }

    @Test
    void aSlowdownMakesWaitTimeOutAndBackpressureReject() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+2500ms").build());

        RunResult bp = report.run(Mode.BACKPRESSURE).orElseThrow();
        RunResult wait = report.run(Mode.WAIT).orElseThrow();
        assertThat(bp.rejected()).isPositive();
        assertThat(bp.exhaustedTotal()).isPositive();
        assertThat(wait.timedOut()).isPositive();
        assertThat(wait.rejected()).isZero();
        // far fewer: at most a tenth of what waiting lost to timeouts
        assertThat(bp.timedOut()).isLessThanOrEqualTo(wait.timedOut() / 10);
        assertThat(bp.timeToImpactSeconds()).isNotNull();
        assertThat(bp.timeToRecoverSeconds()).isNotNull();
        assertThat(bp.recovered()).as(() -> Runs.describe(bp)).isTrue();
        assertThat(report.comparison()).isNotNull();
        assertThat(report.comparison().timedOutReduction()).isGreaterThanOrEqualTo(0.9);
        assertReportHasEveryKeyOfTheDesign(report);
        for (RunResult run : List.of(bp, wait)) {
            assertThat(run.offered()).isEqualTo(run.succeeded() + run.rejected() + run.timedOut() + run.errors()
                    + run.unfinished());
            assertThat(run.faultEvents()).singleElement().satisfies(e -> assertThat(e.error()).isNull());
            assertThat(run.activeConnectionsAfter()).isZero();
        }
    }

    private static void assertReportHasEveryKeyOfTheDesign(SoakReport report) {
        JsonNode json = ReportJson.tree(report);
        assertThat(json.fieldNames()).toIterable().contains("service", "pool", "scenario", "runs", "comparison");
        assertThat(json.get("pool").fieldNames()).toIterable()
                .contains("max_connections", "min_connections", "acquire_timeout_ms");
        assertThat(json.get("scenario").fieldNames()).toIterable().contains("duration_s", "rate_per_s", "faults");
        assertThat(json.get("runs")).hasSize(2);
        for (JsonNode run : json.get("runs")) {
            assertThat(run.fieldNames()).toIterable().contains("mode", "offered", "succeeded", "rejected",
                    "timed_out", "errors", "latency_ms", "max_utilization", "exhausted_total", "time_to_impact_s",
                    "time_to_recover_s", "recovered", "valid");
            assertThat(run.get("latency_ms").fieldNames()).toIterable().contains("p50", "p95", "p99", "p999", "max");
        }
        assertThat(json.get("comparison").fieldNames()).toIterable().contains("timed_out_reduction", "ttr_reduction");
        assertThat(json.get("service").asText()).isEqualTo("auth-service");
        assertThat(json.get("pool").get("acquire_timeout_ms").asLong()).isEqualTo(1000);

        String html = HtmlReport.write(report);
        assertThat(html.split("data:image/png;base64,", -1)).hasSize(6);   // 5 charts
        assertThat(html).doesNotContain("http://", "https://", "<script");
    }

    @Test
    void aFaultThatNeverClearsHasNoTimeToRecover() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+3s").duration(Duration.ofSeconds(6))
                .modes(List.of(Mode.BACKPRESSURE)).build());

        RunResult bp = report.run(Mode.BACKPRESSURE).orElseThrow();
        assertThat(bp.timeToImpactSeconds()).isNotNull();
        assertThat(bp.timeToRecoverSeconds()).isNull();
        assertThat(bp.recovered()).isFalse();
    }

    @Test
    void aKillFaultRecoversAndLeaksNoConnection() throws Exception {
        SoakReport report = run(shortScenario("kill@3s+2s").modes(List.of(Mode.WAIT)).build());

        RunResult wait = report.run(Mode.WAIT).orElseThrow();
        assertThat(wait.errors()).isPositive();
        assertThat(wait.errorsByClass()).isNotEmpty();
        assertThat(wait.recovered()).as(() -> Runs.describe(wait)).isTrue();
        assertThat(wait.activeConnectionsAfter()).isZero();
        assertThat(wait.faultEvents()).singleElement().satisfies(e -> assertThat(e.error()).isNull());
    }

    @Test
    void aSpikeRaisesTheOfferedLoadInItsWindow() throws Exception {
        SoakReport report = run(shortScenario("spike:3@3s+2s").duration(Duration.ofSeconds(6))
                .modes(List.of(Mode.BACKPRESSURE)).build());

        RunResult bp = report.run(Mode.BACKPRESSURE).orElseThrow();
        long before = bp.windows().get(1).offered();
        long during = bp.windows().get(3).offered();
        assertThat(during).isGreaterThan(2 * before);
    }
}
