package dev.dbpool.loadgen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    @Test
    void reductionsAreFractionsOfTheWaitingRun() {
        Comparison c = Comparison.of(Runs.run(Mode.BACKPRESSURE, 900, 100, 10, 2.0),
                Runs.run(Mode.WAIT, 900, 0, 100, 20.0));

        assertThat(c.timedOutReduction()).isEqualTo(0.9, within(1e-9));
        assertThat(c.ttrReduction()).isEqualTo(0.9, within(1e-9));
    }

    @Test
    void aWaitingRunThatNeverRecoveredIsAFullReduction() {
        Comparison c = Comparison.of(Runs.run(Mode.BACKPRESSURE, 900, 100, 0, 1.0),
                Runs.run(Mode.WAIT, 900, 0, 100, null));

        assertThat(c.ttrReduction()).isEqualTo(1.0);
    }

    @Test
    void nothingToCompareIsNull() {
        Comparison c = Comparison.of(Runs.run(Mode.BACKPRESSURE, 900, 100, 0, null),
                Runs.run(Mode.WAIT, 1000, 0, 0, 1.0));

        assertThat(c.timedOutReduction()).isNull();
        assertThat(c.ttrReduction()).isNull();
    }

    @Test
    void theVerdictSaysWhetherTheClaimsHeld() {
        SoakReport report = Runs.report(Runs.run(Mode.BACKPRESSURE, 900, 100, 0, 1.0),
                Runs.run(Mode.WAIT, 900, 0, 100, 30.0));

        assertThat(report.verdict().valid()).isTrue();
        assertThat(report.verdict().timedOutClaim()).isTrue();
        assertThat(report.verdict().ttrClaim()).isTrue();
        assertThat(report.verdict().summary()).contains("100% (100 → 0)", "97% (30s → 1s)");
    }

    @Test
    void anInvalidRunHasNoVerdict() {
        SoakReport report = Runs.report(Runs.run(Mode.BACKPRESSURE, 900, 100, 0, 1.0, 500),
                Runs.run(Mode.WAIT, 900, 0, 100, 30.0));

        assertThat(report.valid()).isFalse();
        assertThat(report.verdict().valid()).isFalse();
        assertThat(report.verdict().summary()).startsWith("INVALID").contains("p99 lag 500.0 ms > 50 ms");
    }
}
