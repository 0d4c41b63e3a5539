package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;
import org.junit.jupiter.api.Test;

import static dev.dbpool.loadgen.analysis.Runs.CODEL;
import static dev.dbpool.loadgen.analysis.Runs.THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {

    @Test
    void reductionsAreFractionsOfTheWaitingRun() {
        Comparison.ModeComparison c = Comparison.ModeComparison.of(Runs.run(THRESHOLD, 900, 100, 10, 2.0),
                Runs.run(Mode.WAIT, 900, 0, 100, 20.0));

        assertThat(c.timedOutReduction()).isEqualTo(0.9, within(1e-9));
        assertThat(c.ttrReduction()).isEqualTo(0.9, within(1e-9));
        assertThat(c.goodputGain()).isEqualTo(1.0, within(1e-9));
    }

    @Test
    void aWaitingRunThatNeverRecoveredIsAFullReduction() {
        Comparison.ModeComparison c = Comparison.ModeComparison.of(Runs.run(THRESHOLD, 900, 100, 0, 1.0),
                Runs.run(Mode.WAIT, 900, 0, 100, null));

        assertThat(c.ttrReduction()).isEqualTo(1.0);
    }

    @Test
    void aPolicyThatNeverRecoversWhileWaitDoesFailsTheTtrClaim() {
        SoakAnalysis a = Runs.analysis(Runs.run(Mode.WAIT, 900, 0, 100, 20.0), Runs.run(CODEL, 950, 50, 0, null));

        assertThat(a.comparison().ttrReduction()).isNull();
        assertThat(a.verdict().ttrClaim()).isFalse();
        assertThat(a.verdict().summary()).contains("time to recover −83% not held");
    }

    @Test
    void nothingToCutIsNotHeldForThePolicy() {
        SoakAnalysis a = Runs.analysis(Runs.run(Mode.WAIT, 1000, 0, 0, 1.0), Runs.run(CODEL, 1000, 0, 0, 1.0));

        assertThat(a.comparison().timedOutReduction()).isNull();
        assertThat(a.verdict().timedOutClaim()).isFalse();
        assertThat(a.verdict().goodputClaim()).isTrue();
    }

    @Test
    void theDefaultPolicyIsTheTopLevelComparisonAndEveryPolicyIsByMode() {
        SoakAnalysis a = Runs.analysis(Runs.run(Mode.WAIT, 800, 0, 200, 30.0), Runs.run(THRESHOLD, 700, 300, 0, 0.0),
                Runs.run(CODEL, 960, 40, 0, 1.0));

        assertThat(a.comparison().policy()).isEqualTo(CODEL);
        assertThat(a.comparison().goodputGain()).isEqualTo(1.2, within(1e-9));
        assertThat(a.comparison().byMode()).containsOnlyKeys(THRESHOLD, CODEL);
        assertThat(a.comparison().byMode().get(THRESHOLD).goodputGain()).isEqualTo(700.0 / 800, within(1e-9));
        assertThat(a.comparison().byMode().get(THRESHOLD).steadyShedRatio()).isEqualTo(0.3, within(1e-9));
    }

    @Test
    void thePolicyThatShedsGoodputFailsTheGoodputClaimEvenWhenTheOldClaimsHold() {
        SoakAnalysis a = Runs.analysis(Runs.run(Mode.WAIT, 800, 0, 200, 30.0), Runs.run(THRESHOLD, 700, 300, 0, 0.0),
                Runs.run(CODEL, 960, 40, 0, 1.0));

        Verdict.Claims threshold = a.verdict().claims().get(THRESHOLD);
        assertThat(threshold.timedOut()).isTrue();
        assertThat(threshold.ttr()).isTrue();
        assertThat(threshold.goodput()).isFalse();
        assertThat(a.verdict().claims().get(CODEL).allHeld()).isTrue();
        assertThat(a.verdict().best()).isEqualTo(CODEL);
        assertThat(a.verdict().summary()).contains("most goodput codel", "goodput ≥ wait's not held",
                "threshold's 700 (×1.37)");
    }

    @Test
    void theVerdictSaysWhetherTheClaimsHeld() {
        SoakAnalysis a = Runs.analysis(Runs.run(THRESHOLD, 900, 100, 0, 1.0), Runs.run(Mode.WAIT, 900, 0, 100, 30.0));

        assertThat(a.verdict().valid()).isTrue();
        assertThat(a.verdict().timedOutClaim()).isTrue();
        assertThat(a.verdict().ttrClaim()).isTrue();
        assertThat(a.verdict().summary()).contains("timed out 0 against 100 (−100%)", "time to recover 1s, wait's 30s (−97%)")
                // the claims a reader has not read about are explained where they are judged, once
                .containsOnlyOnce("The original design's claims: through a database fault, a policy cuts waiting's "
                        + "timed-out requests by 90% and its time to recover by 83%.");
    }

    @Test
    void anInvalidRunHasNoVerdict() {
        SoakAnalysis a = Runs.analysis(Runs.run(THRESHOLD, 900, 100, 0, 1.0, 500), Runs.run(Mode.WAIT, 900, 0, 100, 30.0));

        assertThat(a.verdict().valid()).isFalse();
        assertThat(a.verdict().summary()).startsWith("INVALID").contains("p99 lag 500.0 ms > 100 ms");
    }
}
