package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Runs;
import dev.dbpool.loadgen.model.Workload;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A restart needs a server the soak may stop: the embedded one, as {@code dbpool soak} starts it by default. */
class SoakRestartTest {

    @Test
    void aRestartedDatabaseIsRecoveredFrom() throws Exception {
        SoakScenario scenario = SoakScenario.builder("auth-service")
                .duration(Duration.ofSeconds(14))
                .warmup(Duration.ofSeconds(1))
                .rate(300)
                .threads(60)
                .acquireTimeout(Duration.ofSeconds(1))
                .workload(Workload.ofDefaults().withRows(10_000))
                .modes(List.of(Runs.THRESHOLD))
                .faults(List.of(Fault.parse("restart@3s+1s")))
                .build();

        SoakReport report;
        try (SoakDatabase database = SoakDatabase.embedded()) {
            report = SoakRunner.run(scenario, database, new SimpleMeterRegistry(), SoakListener.NONE);
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
