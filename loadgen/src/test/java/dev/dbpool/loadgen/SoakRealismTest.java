package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Metastability;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Runs;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RetryPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Short soaks against the real database with retrying clients and network faults (scaled down as in
 * {@link SoakFaultsTest}: 1 s acquire timeout, 60 request threads, 400 arrivals/s, the default policy).
 */
class SoakRealismTest {

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
        return ShortSoaks.scenario(faults)
                .duration(Duration.ofSeconds(10))
                .modes(List.of(Runs.CODEL));
    }

    private static SoakReport run(SoakScenario scenario) throws InterruptedException {
        return ShortSoaks.run(database, scenario);
    }

    private static void assertSurvived(RunAnalysis run) {
        assertThat(run.run().activeConnectionsAfter()).isZero();
        // Recovery within a 10 s run is a timing claim: judged only when the run kept its schedule.
        assumeTrue(run.valid(), () -> "the load generator fell behind on this machine, recovery not judged: "
                + run.run().problem());
        assertThat(run.run().faultEvents()).allSatisfy(e -> assertThat(e.error()).isNull());
        assertThat(run.recovered()).as(() -> Runs.describe(run)).isTrue();
        assertThat(run.offered()).isEqualTo(run.succeeded() + run.rejected() + run.timedOut() + run.errors()
                + run.run().unfinished());
    }

    @Test
    void retriesAreCountedPerAttemptAndJudgedPerRequestWithinTheBudget() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+2s").retry(RetryPolicy.of(3)).build());

        RunAnalysis codel = report.run(Runs.CODEL).orElseThrow();
        assertSurvived(codel);
        assertThat(codel.rejected()).isPositive();
        assertThat(codel.run().attempts().retries()).isPositive();
        assertThat(codel.run().attempts().deniedByBudget()).isPositive();
        assertThat(codel.run().attempts().total()).isEqualTo(codel.offered() + codel.run().attempts().retries());
        // the budget: retries at most 10% of first attempts, plus what the warm-up banked (at most 100 tokens)
        assertThat(codel.run().attempts().retries()).isLessThanOrEqualTo(Math.round(codel.offered() * 0.1) + 100);
        assertThat(codel.run().retryAmplification()).isBetween(1.0, 1.15);
        assertThat(codel.goodput() + codel.late()).isEqualTo(codel.succeeded());

        JsonNode run = ReportJson.tree(report).get("runs").get(0);
        assertThat(run.get("attempts").asLong()).isEqualTo(codel.run().attempts().total());
        assertThat(run.get("retry_amplification").asDouble()).isGreaterThan(1.0);
        assertThat(run.has("metastable")).isTrue();
        assertThat(run.get("timeline").get(2).has("attempts")).isTrue();
        assertThat(ReportJson.tree(report).get("scenario").get("retry").get("retries").asInt()).isEqualTo(3);
        assertThat(TextSummary.write(report)).contains("retry amplification", "metastable", "retries:  up to 3");
        assertThat(HtmlReport.write(report)).contains("Attempts (dashed");
    }

    @Test
    void withoutABudgetRetriesAmplifyTheLoad() throws Exception {
        SoakReport report = run(shortScenario("slowdown@3s+2s").retry(RetryPolicy.of(3).withBudget(null)).build());

        RunAnalysis codel = report.run(Runs.CODEL).orElseThrow();
        assertThat(codel.run().attempts().deniedByBudget()).isZero();
        assertThat(codel.run().retryAmplification()).isGreaterThan(1.15);
        assertThat(codel.run().activeConnectionsAfter()).isZero();
    }

    @Test
    void aBlackholeIsSurvived() throws Exception {
        SoakReport report = run(shortScenario("blackhole@3s+2s").build());

        RunAnalysis codel = report.run(Runs.CODEL).orElseThrow();
        assertSurvived(codel);
        // the slots were held by the silent network: admission shed fast instead of queueing
        assertThat(codel.rejected()).isPositive();
        assertThat(codel.timedOut()).isZero();
        assertThat(Metastability.of(codel, report.scenario().faults()).metastable()).isNotEqualTo(Boolean.TRUE);
        assertThat(TextSummary.write(report)).contains("network:  the pools reach the database through the soak's loopback proxy");
    }

    @Test
    void latencyIsSurvived() throws Exception {
        SoakReport report = run(shortScenario("latency:40ms@3s+2s").build());

        RunAnalysis codel = report.run(Runs.CODEL).orElseThrow();
        assertSurvived(codel);
        // 40 ms a chunk, several round trips a request: the cohorts of the fault's two seconds were slow
        // (the slowest of them, so that one cohort spoilt by a busy machine cannot hide the fault).
        double slowest = codel.windows().subList(3, 5).stream().mapToDouble(w -> w.latencyMillis(99))
                .filter(Double::isFinite).max().orElse(0);
        assertThat(slowest).as(() -> Runs.describe(codel)).isGreaterThan(80);
    }

    @Test
    void aResetIsSurvivedInBothModes() throws Exception {
        SoakReport report = run(shortScenario("reset@4s+0s").modes(List.of(Mode.WAIT, Runs.CODEL)).build());

        for (RunAnalysis run : report.runs()) {
            assertSurvived(run);
            assertThat(run.errors()).as(run.mode().label()).isPositive();
            assertThat(run.run().errorsByClass()).containsKey("08");
        }
    }
}
