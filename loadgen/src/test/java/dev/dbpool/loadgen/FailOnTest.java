package dev.dbpool.loadgen;

import dev.dbpool.runtime.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailOnTest {

    private final SoakReport report = Runs.report(
            Runs.run(Mode.BACKPRESSURE, 900, 100, 0, 2.0),
            Runs.run(Mode.WAIT, 800, 0, 200, null));

    @Test
    void aRuleWithoutAModeReadsTheBackpressureRun() {
        assertThat(FailOn.parse("timed_out>0").check(report)).isEmpty();
        assertThat(FailOn.parse("rejected>=100").check(report)).isPresent();
    }

    @Test
    void aModePrefixPicksTheRun() {
        assertThat(FailOn.parse("wait.timed_out>0").check(report)).get()
                .hasToString("wait.timed_out>0 (was 200)");
    }

    @Test
    void timesTakeUnitsAndNeverIsInfinite() {
        assertThat(FailOn.parse("ttr>5s").check(report)).isEmpty();
        assertThat(FailOn.parse("ttr>1500ms").check(report)).isPresent();
        assertThat(FailOn.parse("wait.ttr>300s").check(report)).get().hasToString("wait.ttr>300s (was never)");
        assertThat(FailOn.parse("p99>30").check(report)).isPresent();
        assertThat(FailOn.parse("p99>1s").check(report)).isEmpty();
    }

    @Test
    void comparisonsReadFractionsOrPercentages() {
        assertThat(FailOn.parse("timed_out_reduction<90%").check(report)).isEmpty();
        assertThat(FailOn.parse("ttr_reduction<0.99").check(report)).isEmpty();
        assertThat(FailOn.parse("success_ratio<0.95").check(report)).isPresent();
    }

    @Test
    void badRulesNameWhatIsWrong() {
        assertThatThrownBy(() -> FailOn.parse("ttr")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("[MODE.]METRIC OP VALUE");
        assertThatThrownBy(() -> FailOn.parse("latency>5s")).hasMessageContaining("metric must be one of")
                .hasMessageContaining("'latency'");
        assertThatThrownBy(() -> FailOn.parse("fast.ttr>5s")).hasMessageContaining("mode must be backpressure or wait");
        assertThatThrownBy(() -> FailOn.parse("ttr>soon")).hasMessageContaining("must be a duration such as");
        assertThatThrownBy(() -> FailOn.parse("wait.ttr_reduction<0.5")).hasMessageContaining("compares both modes");
    }

    @Test
    void aRuleForAModeThatDoesNotRunIsAUsageError() {
        assertThatThrownBy(() -> FailOn.parse("wait.ttr>5s").checkApplicable(List.of(Mode.BACKPRESSURE)))
                .hasMessageContaining("reads the wait run");
        assertThatThrownBy(() -> FailOn.parse("ttr_reduction<0.8").checkApplicable(List.of(Mode.WAIT)))
                .hasMessageContaining("needs --mode both");
    }
}
