package dev.dbpool.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackpressureConfigTest {

    @Test
    void theDefaultPolicyIsCodelWithTarget5msOverInterval100ms() {
        BackpressureConfig defaults = BackpressureConfig.ofDefaults();

        assertThat(defaults.policy()).isEqualTo(BackpressurePolicy.CODEL);
        assertThat(defaults.codelTarget()).isEqualTo(java.time.Duration.ofMillis(5));
        assertThat(defaults.codelInterval()).isEqualTo(java.time.Duration.ofMillis(100));
        assertThat(BackpressureConfig.fromEnv(Map.of())).isEqualTo(defaults);
    }

    @Test
    void ofAThresholdIsTheSeedsRule() {
        assertThat(BackpressureConfig.of(0.9).policy()).isEqualTo(BackpressurePolicy.THRESHOLD);
    }

    @Test
    void aThresholdInTheEnvironmentAloneKeepsTheSeedsRule() {
        assertThat(BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_THRESHOLD", "0.9")).policy())
                .isEqualTo(BackpressurePolicy.THRESHOLD);
    }

    @Test
    void readsThePolicyAndItsParametersFromTheEnvironment() {
        BackpressureConfig config = BackpressureConfig.fromEnv(Map.of(
                "DB_POOL_BACKPRESSURE_POLICY", "Deadline",
                "DB_POOL_BACKPRESSURE_DEADLINE_MS", "250",
                "DB_POOL_CODEL_TARGET_MS", "10",
                "DB_POOL_CODEL_INTERVAL_MS", "200"));

        assertThat(config.policy()).isEqualTo(BackpressurePolicy.DEADLINE);
        assertThat(config.deadline()).isEqualTo(java.time.Duration.ofMillis(250));
        assertThat(config.codelTarget()).isEqualTo(java.time.Duration.ofMillis(10));
        assertThat(config.codelInterval()).isEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void rejectsAnUnknownPolicyNamingTheVariableAndTheChoices() {
        assertThatThrownBy(() -> BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "lifo")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_POOL_BACKPRESSURE_POLICY must be one of threshold, codel, deadline, got 'lifo'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"DB_POOL_CODEL_TARGET_MS", "DB_POOL_CODEL_INTERVAL_MS", "DB_POOL_BACKPRESSURE_DEADLINE_MS"})
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
                .hasMessage("DB_POOL_CODEL_TARGET_MS (100) must be less than DB_POOL_CODEL_INTERVAL_MS (100)");
    }

    @Test
    void defaultsTo085() {
        assertThat(BackpressureConfig.ofDefaults().threshold()).isEqualTo(0.85);
        assertThat(BackpressureConfig.fromEnv(Map.of()).threshold()).isEqualTo(0.85);
    }

    @Test
    void readsTheThresholdFromTheEnvironment() {
        assertThat(BackpressureConfig.fromEnv(Map.of("DB_POOL_BACKPRESSURE_THRESHOLD", "0.90")).threshold())
                .isEqualTo(0.90);
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
        BackpressureConfig config = BackpressureConfig.of(0.85);

        assertThat(config.rejects(13, 16)).as("13/16 = 0.8125").isFalse();
        assertThat(config.rejects(14, 16)).as("14/16 = 0.875").isTrue();
        assertThat(config.rejects(17, 20)).as("17/20 = 0.85 is not above 0.85").isFalse();
    }

    @Test
    void rejectsOutOfRangeThresholdInCode() {
        assertThatThrownBy(() -> BackpressureConfig.of(1.5))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("threshold must be a number from 0.0 to 1.0, got '1.5'");
    }
}
