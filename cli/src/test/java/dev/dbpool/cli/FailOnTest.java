package dev.dbpool.cli;

import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.analysis.Runs;
import dev.dbpool.loadgen.analysis.SoakAnalysis;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.dbpool.loadgen.analysis.Runs.CODEL;
import static dev.dbpool.loadgen.analysis.Runs.THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailOnTest {

    private final SoakReport report = report(
            Runs.run(THRESHOLD, 900, 100, 0, 2.0),
            Runs.run(Mode.WAIT, 800, 0, 200, null),
            Runs.run(CODEL, 990, 10, 0, null));

    static SoakReport report(dev.dbpool.loadgen.analysis.RunAnalysis... runs) {
        SoakAnalysis a = Runs.analysis(runs);
        return new SoakReport(SoakScenario.builder("auth-service").build(),
                new SoakReport.PoolSummary(16, 5, Duration.ofSeconds(10)), "test", Instant.EPOCH, Capacity.UNKNOWN, a.runs(),
                a.reference(), a.comparison(), a.verdict());
    }

    @Test
    void aRuleWithoutAModeReadsTheDefaultPolicysRun() {
        assertThat(FailOn.parse("rejected>=100").check(report)).isEmpty();
        assertThat(FailOn.parse("rejected>=10").check(report)).isPresent();
        assertThat(FailOn.parse("goodput_ratio<0.98").check(report)).isEmpty();
    }

    @Test
    void aModePrefixPicksTheRun() {
        assertThat(FailOn.parse("wait.timed_out>0").check(report)).get()
                .hasToString("wait.timed_out>0 (was 200)");
        assertThat(FailOn.parse("backpressure.goodput_ratio<0.95").check(report)).get()
                .hasToString("backpressure.goodput_ratio<0.95 (was 0.900)");
        assertThat(FailOn.parse("threshold.steady_shed_ratio>0.05").check(report)).isPresent();
    }

    @Test
    void timesTakeUnitsAndNeverIsInfinite() {
        assertThat(FailOn.parse("threshold.ttr>5s").check(report)).isEmpty();
        assertThat(FailOn.parse("threshold.ttr>1500ms").check(report)).isPresent();
        assertThat(FailOn.parse("wait.ttr>300s").check(report)).get().hasToString("wait.ttr>300s (was never)");
        assertThat(FailOn.parse("p99>30").check(report)).isPresent();
        assertThat(FailOn.parse("p99>1s").check(report)).isEmpty();
    }

    @Test
    void comparisonsReadFractionsOrPercentages() {
        assertThat(FailOn.parse("threshold.timed_out_reduction<90%").check(report)).isEmpty();
        assertThat(FailOn.parse("threshold.ttr_reduction<0.99").check(report)).isEmpty();
        assertThat(FailOn.parse("goodput_gain<1.2").check(report)).isEmpty();
        assertThat(FailOn.parse("threshold.goodput_gain<1.2").check(report)).isPresent();
        assertThat(FailOn.parse("success_ratio<0.995").check(report)).isPresent();
    }

    @Test
    void aComparisonThatCannotBeMadeNeverPassesForThePolicy() {
        // codel never recovered (wait neither): ttr_reduction is null, which breaches a floor
        assertThat(FailOn.parse("ttr_reduction<0.83").check(report)).get()
                .hasToString("ttr_reduction<0.83 (was n/a)");
        assertThat(FailOn.parse("ttr_reduction>0.5").check(report)).isEmpty();
    }

    @Test
    void badRulesNameWhatIsWrong() {
        assertThatThrownBy(() -> FailOn.parse("ttr")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("[MODE.]METRIC OP VALUE");
        assertThatThrownBy(() -> FailOn.parse("latency>5s")).hasMessageContaining("metric must be one of")
                .hasMessageContaining("'latency'");
        assertThatThrownBy(() -> FailOn.parse("fast.ttr>5s")).hasMessageContaining("mode must be one of wait, codel, threshold");
        assertThatThrownBy(() -> FailOn.parse("ttr>soon")).hasMessageContaining("must be a duration such as");
        assertThatThrownBy(() -> FailOn.parse("wait.ttr_reduction<0.5")).hasMessageContaining("compares a policy with wait");
    }

    @Test
    void aRuleForAModeThatDoesNotRunIsAUsageError() {
        assertThatThrownBy(() -> FailOn.parse("wait.ttr>5s").checkApplicable(List.of(THRESHOLD)))
                .hasMessageContaining("reads the wait run");
        assertThatThrownBy(() -> FailOn.parse("ttr_reduction<0.8").checkApplicable(List.of(Mode.WAIT)))
                .hasMessageContaining("needs --mode with wait and a policy");
    }
}
