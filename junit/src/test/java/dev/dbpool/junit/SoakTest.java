package dev.dbpool.junit;

import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.model.GeneratorHealth;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A soak from a test: seconds long, the figures of report.json, an invalid run aborted, bad values named. */
@DbpoolTest
class SoakTest {

    @Test
    void aShortStallWithTheDefaultPolicyAndWait(DbpoolDatabase db, @TempDir Path reports) {
        SoakResults report = Soak.of("auth-service")
                .rate(150)
                .duration(Duration.ofSeconds(8))
                .acquireTimeout(Duration.ofSeconds(1))
                .fault("slowdown@3s+1500ms")
                .modes("wait", "codel")
                .build()
                .run(db);

        assertThat(report.modes()).containsExactly("wait", "codel");
        SoakRun codel = report.run("codel");
        assertThat(codel.offered()).isBetween(900L, 1500L);
        assertThat(codel.before().goodputRatio()).as(codel::toString).isGreaterThan(0.95);
        assertThat(codel.steadyShedRatio()).isLessThan(0.01);
        assertThat(codel.timedOut()).isZero();
        assertThat(codel.during().offered()).isPositive();
        assertThat(codel.goodput() + codel.late()).isEqualTo(codel.succeeded());
        assertThat(report.run("wait").timedOut()).as(report::toString).isPositive();
        assertThat(report.run()).isSameAs(codel);
        assertThat(report.json()).contains("\"goodput_ratio\"", "\"steady_shed_ratio\"", "\"phases\"");
        report.writeTo(reports);
        assertThat(reports.resolve("report.json")).exists();
        assertThat(reports.resolve("report.html")).exists();
    }

    @Test
    void aSoakWithTheServicesOwnPoolUsesItsSettings(@Pool(value = "checkout-service",
            env = {"DB_MAX_CONNECTIONS=4", "DB_MIN_CONNECTIONS=1"}) DbPool pool) {
        SoakResults report = Soak.of("checkout-service").rate(50).duration(Duration.ofSeconds(4)).build().run(pool);

        assertThat(report.report().pool().maxConnections()).isEqualTo(4);
        SoakRun run = report.run("codel");
        assertThat(run.goodputRatio()).as(run::toString).isGreaterThan(0.9);
        assertThat(run.timeToRecover()).isEmpty(); // no fault, nothing to recover from
        assertThat(run.during().offered()).isZero();
        assertThat(report.run(" CODEL ")).isSameAs(run);
    }

    @Test
    void anUnknownRunOrPhaseIsNamed() {
        assertThatThrownBy(() -> Soak.of("auth-service").modes("wait", "fifo"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("modes must be a comma list of wait, threshold")
                .hasMessageContaining("got 'fifo' in 'wait,fifo'");
    }

    @Test
    void aBadValueFailsAtConstructionNamingTheParameterAndTheValue() {
        assertThatThrownBy(() -> Soak.of("auth-service").rate(-5).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("rate must be a positive number of arrivals per second, got '-5'");
        assertThatThrownBy(() -> Soak.of("auth-service").duration(Duration.ZERO).build())
                .hasMessage("duration must be positive, got '0s'");
        assertThatThrownBy(() -> Soak.of("auth-service").threads(0).build())
                .hasMessage("threads must be a positive integer, got '0'");
        assertThatThrownBy(() -> Soak.of("auth-service").fault("slowdown@9s+5s").build())
                .hasMessageStartingWith("fault slowdown@9s+5s ends at 14s, after the end of the run (duration 10s)");
        assertThatThrownBy(() -> Soak.of("auth-service").fault("stall@3s+1s"))
                .hasMessageStartingWith("fault kind must be one of").hasMessageContaining("got 'stall'");
        assertThatThrownBy(() -> Soak.of("auth-service").deadline(Duration.ofMillis(-1)).build())
                .hasMessageStartingWith("deadline must be positive, got '");
        assertThatThrownBy(() -> Soak.of("auth-service").acquireTimeout(Duration.ZERO).build())
                .hasMessage("acquireTimeout must be positive, got '0s'");
        assertThatThrownBy(() -> Soak.of(" ").build()).hasMessage("service must name a service, got ' '");
        assertThatThrownBy(() -> Soak.of("auth-service").rows(0)).hasMessageContaining("rows must be a positive integer, got '0'");
    }

    @Test
    void anInvalidRunAbortsTheTestWithTheReasonInsteadOfPassingOrFailing(DbpoolDatabase db) throws Exception {
        SoakReport measured = Soak.of("auth-service").rate(50).duration(Duration.ofSeconds(3)).build()
                .run(db).report();
        RunAnalysis run = measured.runs().get(0);
        RunResult behind = withGenerator(run.run(), new GeneratorHealth(150, 0, 40, 850, 1200));
        SoakReport invalid = SoakReport.of(measured.scenario(), measured.pool(), measured.database(),
                measured.startedAt(), List.of(behind));

        assertThatThrownBy(() -> SoakResults.of(invalid))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("soak of auth-service is invalid, no verdict: codel: the generator fell behind "
                        + "its schedule: p99 lag 850.0 ms > 100 ms");
    }

    /** A copy of {@code run} with another generator health (every other component as measured). */
    private static RunResult withGenerator(RunResult run, GeneratorHealth health) throws Exception {
        RecordComponent[] components = RunResult.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = types[i] == GeneratorHealth.class ? health : components[i].getAccessor().invoke(run);
        }
        return RunResult.class.getDeclaredConstructor(types).newInstance(values);
    }
}
