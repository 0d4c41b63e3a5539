package dev.dbpool.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Runs;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.loadgen.model.Rates;
import dev.dbpool.loadgen.model.Workload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The peer libraries around a real pool on a real PostgreSQL, under overload (a 20 ms hold makes the
 * pool of 16 serve well under the offered 1,500/s), and a sweep over two rates. Scaled down (see
 * {@link ShortSoaks}); the assertions are about behaviour, and a run whose generator fell behind (a
 * busy machine) skips rather than judges.
 */
class SoakPeersTest {

    private static final Mode VEGAS = Mode.of(Peer.VEGAS);
    private static final Mode GRADIENT2 = Mode.of(Peer.GRADIENT2);
    private static final Mode BULKHEAD = Mode.of(Peer.BULKHEAD);

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

    private static SoakScenario.Builder overload() {
        return ShortSoaks.scenario().duration(Duration.ofSeconds(4)).rate(1500)
                .workload(Workload.ofDefaults().withRows(10_000).withHold(Duration.ofMillis(20)))
                .capacityProbe(Duration.ofSeconds(1));
    }

    @Test
    void everyPeerShedsUnderOverloadWhereWaitingAnswersLate() throws Exception {
        SoakReport report = ShortSoaks.run(database, overload().modes(List.of(Mode.WAIT, VEGAS, GRADIENT2, BULKHEAD)).build());
        assumeTrue(report.valid(), () -> "the load generator fell behind (busy machine): " + report.runs());

        RunAnalysis wait = report.run(Mode.WAIT).orElseThrow();
        assertThat(wait.rejected()).isZero();
        assertThat(report.capacity().known()).isTrue();
        for (Mode peer : List.of(VEGAS, GRADIENT2, BULKHEAD)) {
            RunAnalysis run = report.run(peer).orElseThrow();
            assertThat(run.rejected()).as(peer + " refuses what its limit does not admit").isPositive();
            assertThat(run.goodput()).as(() -> peer + " against wait\n" + Runs.describe(run) + Runs.describe(wait))
                    .isGreaterThan(wait.goodput());
            assertThat(run.offered()).isEqualTo(run.succeeded() + run.rejected() + run.timedOut() + run.errors()
                    + run.run().unfinished());
            assertThat(run.capacity()).isEqualTo(report.capacity());
            assertThat(run.goodputOfLimit()).isPositive();
            assertThat(run.run().activeConnectionsAfter()).isZero();
        }
        // As many calls at once as the pool has connections: nobody waits inside the pool.
        assertThat(report.run(BULKHEAD).orElseThrow().timedOut()).isZero();
        assertThat(report.run(BULKHEAD).orElseThrow().run().policy())
                .isEqualTo("bulkhead(SemaphoreBulkhead, maxConcurrentCalls=16 (the pool's size), maxWaitDuration=0s)");
        assertThat(report.run(VEGAS).orElseThrow().run().policy()).startsWith("vegas(SimpleLimiter + VegasLimit");
        assertThat(TextSummary.write(report)).contains("capacity: ").contains("of limit")
                .contains("gradient2(SimpleLimiter + WindowedLimit(Gradient2Limit), initialLimit=20");
    }

    @Test
    void aSweepHasAPointPerRateAndModeAndReportsTheCurve() throws Exception {
        SoakSweep sweep = SoakSweep.of(overload().duration(Duration.ofSeconds(2)).modes(List.of(Runs.CODEL, BULKHEAD)),
                Rates.parse("150,1500", "rate"));

        SweepReport report = SoakRunner.sweep(sweep, database, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                SoakListener.NONE);

        assertThat(report.reports()).hasSize(2);
        assertThat(report.sweep().points()).hasSize(4);
        assertThat(report.reports()).allSatisfy(r -> assertThat(r.capacity()).isEqualTo(report.capacity()));
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(report));
        assertThat(json.get("rates_per_s")).hasSize(2);
        assertThat(json.get("rates")).hasSize(2);
        assertThat(json.get("capacity_per_s").asDouble()).isPositive();
        assertThat(json.get("sweep").get(0).fieldNames()).toIterable()
                .contains("rate_per_s", "mode", "goodput_per_s", "shed_ratio", "p99_ms", "valid");
        assertThat(json.has("knee_rate_per_s")).isTrue();
        assertThat(json.get("rates").get(1).get("runs").get(0).get("goodput_of_limit").isNumber()).isTrue();
        assertThat(TextSummary.write(report)).contains("goodput per second against offered load").contains("knee: ");
        assertThat(HtmlReport.write(report)).contains("Goodput against offered load").contains("<h2>Rate 1,500/s</h2>");
    }
}
