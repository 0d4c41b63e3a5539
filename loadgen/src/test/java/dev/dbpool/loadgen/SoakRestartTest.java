package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Runs;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart needs a server the soak may stop: the embedded one, as {@code dbpool soak} starts it by default. */
class SoakRestartTest {

    @Test
    void aRestartedDatabaseIsRecoveredFrom() throws Exception {
        // The short soak, a little longer and lighter: the restart's recovery has to fit after it.
        SoakScenario scenario = ShortSoaks.scenario("restart@3s+1s")
                .duration(Duration.ofSeconds(14))
                .rate(300)
                .modes(List.of(Runs.THRESHOLD))
                .build();

        SoakReport report;
        try (SoakDatabase database = SoakDatabase.embedded()) {
            report = ShortSoaks.run(database, scenario);
        }

        RunAnalysis bp = report.run(Runs.THRESHOLD).orElseThrow();
        assertThat(bp.run().faultEvents()).singleElement().satisfies(e -> {
            assertThat(e.error()).isNull();
            assertThat(e.ended()).isNotNull();
        });
        assertThat(bp.errors() + bp.timedOut() + bp.rejected()).isPositive();
        assertThat(bp.recovered()).as(() -> Runs.describe(bp)).isTrue();
        assertThat(bp.run().activeConnectionsAfter()).isZero();
    }
}
