package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.loadgen.model.Mode;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoakScenarioTest {

    private final SoakScenario.Builder defaults = SoakScenario.builder("auth-service");

    @Test
    void theDefaultsAreTheDesignsScenario() {
        SoakScenario s = defaults.build();

        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.ratePerSecond()).isEqualTo(1500);
        assertThat(s.threads()).isEqualTo(200);
        assertThat(s.threshold()).isEqualTo(0.85);
        assertThat(s.modes()).containsExactlyElementsOf(Mode.defaults());
        assertThat(s.deadline()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.faults()).hasSize(1);
        assertThat(s.faults().get(0).kind()).isEqualTo(FaultKind.SLOWDOWN);
        assertThat(s.faults().get(0).end()).isLessThan(s.duration());
    }

    @Test
    void threadsAreAPositiveNumberOrAVirtualThreadPerRequest() {
        assertThatThrownBy(() -> defaults.threads(-3).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("threads must be a positive integer, got '-3'");
        assertThat(defaults.threads(1).build().virtualThreads()).isFalse();
    }

    @Test
    void aVirtualThreadPerRequestNeedsJava21() {
        if (Runtime.version().feature() >= 21) {
            assertThat(defaults.threads(SoakScenario.VIRTUAL_THREADS).build().virtualThreads()).isTrue();
        } else {
            assertThatThrownBy(() -> defaults.threads(SoakScenario.VIRTUAL_THREADS).build())
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageStartingWith("threads virtual needs Java 21 or later (a virtual thread per request), "
                            + "and this is Java " + Runtime.version().feature());
        }
    }

    @Test
    void rejectsANegativeRate() {
        assertThatThrownBy(() -> defaults.rate(-5).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("rate must be a positive number of arrivals per second, got '-5'");
    }

    @Test
    void rejectsAZeroDuration() {
        assertThatThrownBy(() -> defaults.duration(Duration.ZERO).build())
                .hasMessage("duration must be positive, got '0s'");
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> defaults.threshold(2).build())
                .hasMessage("threshold must be a number from 0.0 to 1.0, got '2'");
    }

    @Test
    void rejectsAZeroDeadline() {
        assertThatThrownBy(() -> defaults.deadline(Duration.ZERO).build())
                .hasMessage("deadline must be positive, got '0s'");
    }

    @Test
    void theThresholdAppliesToTheThresholdPolicyOnly() {
        SoakScenario s = defaults.threshold(0.5).build();

        assertThat(s.admission(Mode.THRESHOLD)).isEqualTo(new dev.dbpool.runtime.admission.ThresholdSettings(0.5));
        assertThat(s.admission(Mode.of("codel"))).isEqualTo(dev.dbpool.runtime.admission.CoDelSettings.ofDefaults());
        assertThat(dev.dbpool.runtime.admission.Admission.isNone(s.admission(Mode.WAIT))).isTrue();
    }

    @Test
    void rejectsAFaultThatEndsAfterTheRun() {
        assertThatThrownBy(() -> defaults.faults(List.of(Fault.parse("slowdown@50s+20s"))).build())
                .hasMessageContaining("fault slowdown@50s+20s ends at 1m10s, after the end of the run");
    }

    @Test
    void rejectsAFaultWithNoSteadyStateBeforeIt() {
        assertThatThrownBy(() -> defaults.faults(List.of(Fault.parse("kill@1s+2s"))).build())
                .hasMessageContaining("starts before 3s");
    }

    @Test
    void rejectsAScheduleTooLargeToPrecompute() {
        assertThatThrownBy(() -> defaults.rate(1_000_000).duration(Duration.ofMinutes(60)).build())
                .hasMessageContaining("at most 20,000,000 per run");
    }

    @Test
    void sortsFaultsByStart() {
        SoakScenario s = defaults.faults(List.of(Fault.parse("kill@30s+2s"), Fault.parse("slowdown@10s+5s"))).build();

        assertThat(s.faults()).extracting(f -> f.kind()).containsExactly(FaultKind.SLOWDOWN, FaultKind.KILL);
    }
}
