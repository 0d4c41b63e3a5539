package dev.dbpool.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackpressureConfigTest {

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
        BackpressureConfig config = BackpressureConfig.ofDefaults();

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
