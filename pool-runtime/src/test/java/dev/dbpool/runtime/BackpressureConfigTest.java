package dev.dbpool.runtime;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.CoDelSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackpressureConfigTest {

    @Test
    void theDefaultPolicyIsCodelWithTarget5msOverInterval100ms() {
        AdmissionSettings defaults = BackpressureConfig.ofDefaults();

        assertThat(defaults).isEqualTo(new CoDelSettings(Duration.ofMillis(5), Duration.ofMillis(100)));
        assertThat(defaults.describe()).isEqualTo("codel(target=5ms, interval=100ms)");
        assertThat(BackpressureConfig.fromEnv(Map.of())).isEqualTo(defaults);
    }

    @Test
    void ofAThresholdIsTheThresholdRule() {
        assertThat(BackpressureConfig.of(0.9)).isEqualTo(new ThresholdSettings(0.9));
    }

    @Test
    void aThresholdInTheEnvironmentAloneChoosesTheThresholdRule() {
        assertThat(BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_THRESHOLD", "0.9")))
                .isEqualTo(new ThresholdSettings(0.9));
    }

    @Test
    void readsThePolicyAndItsParametersFromTheEnvironment() {
        AdmissionSettings settings = BackpressureConfig.fromEnv(Map.of(
                "DB_POOL_BACKPRESSURE_POLICY", "CoDel",
                "DB_POOL_CODEL_TARGET_MS", "10",
                "DB_POOL_CODEL_INTERVAL_MS", "200"));

        assertThat(settings).isEqualTo(new CoDelSettings(Duration.ofMillis(10), Duration.ofMillis(200)));
    }

    @Test
    void noneMeansPlainWaiting() {
        assertThat(Admission.isNone(BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "none"))))
                .isTrue();
    }

    @Test
    void rejectsAnUnknownPolicyNamingTheVariableAndTheChoices() {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "lifo")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_POOL_BACKPRESSURE_POLICY must be one of codel, threshold, none, got 'lifo'");
    }

    @Test
    void aRetiredPolicySaysSoAndWhatToUseInstead() {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "deadline")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("DB_POOL_BACKPRESSURE_POLICY='deadline': the deadline policy was retired")
                .hasMessageContaining("use codel");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_POOL_CODEL_TARGET_MS", "DB_POOL_CODEL_INTERVAL_MS"})
    void rejectsABadPolicyParameterNamingTheVariable(String variable) {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of(variable, "5ms")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(variable + " must be a positive integer (milliseconds), got '5ms'");
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of(variable, "0")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(variable + " must be a positive integer (milliseconds), got '0'");
    }

    @Test
    void rejectsACodelTargetNotBelowItsInterval() {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of("DB_POOL_CODEL_TARGET_MS", "100")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_POOL_CODEL_TARGET_MS (100ms) must be shorter than DB_POOL_CODEL_INTERVAL_MS (100ms)");
    }

    @Test
    void theThresholdDefaultsTo085() {
        assertThat(ThresholdSettings.ofDefaults().threshold()).isEqualTo(0.85);
        assertThat(BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "threshold")))
                .isEqualTo(new ThresholdSettings(0.85));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "-0.1", "abc", "", "NaN"})
    void rejectsAThresholdOutsideZeroToOneNamingTheVariable(String value) {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_THRESHOLD", value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_POOL_BACKPRESSURE_THRESHOLD must be a number from 0.0 to 1.0, got '" + value + "'");
    }

    @Test
    void rejectsAboveThresholdOnly() {
        ThresholdSettings settings = BackpressureConfig.of(0.85);

        assertThat(settings.rejects(13, 16)).as("13/16 = 0.8125").isFalse();
        assertThat(settings.rejects(14, 16)).as("14/16 = 0.875").isTrue();
        assertThat(settings.rejects(17, 20)).as("17/20 = 0.85 is not above 0.85").isFalse();
    }

    @Test
    void rejectsOutOfRangeThresholdInCode() {
        assertThatThrownBy(() -> BackpressureConfig.of(1.5))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("threshold must be a number from 0.0 to 1.0, got '1.5'");
    }

    @Test
    void settingsReadFromAFrameworkNameItsPropertiesInErrors() {
        var parameters = dev.dbpool.runtime.config.Parameters.of(
                Map.of("DB_POOL_CODEL_TARGET_MS", "50", "DB_POOL_CODEL_INTERVAL_MS", "10")::get,
                key -> key.equals("DB_POOL_CODEL_TARGET_MS") ? "dbpool.backpressure.codel-target" : key);

        assertThatThrownBy(() -> Admission.from(parameters))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("dbpool.backpressure.codel-target (50ms) must be shorter than DB_POOL_CODEL_INTERVAL_MS (10ms)");
    }
}
