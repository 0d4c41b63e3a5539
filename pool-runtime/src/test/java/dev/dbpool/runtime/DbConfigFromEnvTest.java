package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbConfigFromEnvTest {

    @Test
    void appliesEveryVariable() {
        DbConfig config = DbConfig.fromEnv("auth-service", Map.of(
                "DATABASE_URL", "postgres://app:s3cret@db.internal:6543/appdb",
                "DB_MAX_CONNECTIONS", "50",
                "DB_MIN_CONNECTIONS", "10",
                "DB_ACQUIRE_TIMEOUT_SECS", "5",
                "DB_CONNECT_TIMEOUT_SECS", "3",
                "DB_IDLE_TIMEOUT_SECS", "300",
                "DB_MAX_LIFETIME_SECS", "1200"));

        assertThat(config.databaseUrl()).isEqualTo("postgres://app:***@db.internal:6543/appdb");
        assertThat(config.parsedDatabaseUrl().password()).isEqualTo("s3cret");
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.minConnections()).isEqualTo(10);
        assertThat(config.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.maxLifetime()).isEqualTo(Duration.ofSeconds(1200));
    }

    @Test
    void keepsThePresetWhereNothingIsSet() {
        assertThat(DbConfig.fromEnv("user-service", Map.of()))
                .isEqualTo(DbConfig.forService("user-service").withDatabaseUrl(DbConfig.DEFAULT_DATABASE_URL));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "DB_MAX_CONNECTIONS | abc | DB_MAX_CONNECTIONS must be a positive integer, got 'abc'",
            "DB_MAX_CONNECTIONS | -1 | DB_MAX_CONNECTIONS must be a positive integer, got '-1'",
            "DB_MAX_CONNECTIONS | 0 | DB_MAX_CONNECTIONS must be a positive integer, got '0'",
            "DB_MAX_CONNECTIONS | 2.5 | DB_MAX_CONNECTIONS must be a positive integer, got '2.5'",
            "DB_MIN_CONNECTIONS | abc | DB_MIN_CONNECTIONS must be a non-negative integer, got 'abc'",
            "DB_MIN_CONNECTIONS | -1 | DB_MIN_CONNECTIONS must be a non-negative integer, got '-1'",
            "DB_ACQUIRE_TIMEOUT_SECS | abc | DB_ACQUIRE_TIMEOUT_SECS must be a positive integer (seconds), got 'abc'",
            "DB_ACQUIRE_TIMEOUT_SECS | 0 | DB_ACQUIRE_TIMEOUT_SECS must be a positive integer (seconds), got '0'",
            "DB_CONNECT_TIMEOUT_SECS | -1 | DB_CONNECT_TIMEOUT_SECS must be a positive integer (seconds), got '-1'",
            "DB_CONNECT_TIMEOUT_SECS | 0 | DB_CONNECT_TIMEOUT_SECS must be a positive integer (seconds), got '0'",
            "DB_IDLE_TIMEOUT_SECS | 10m | DB_IDLE_TIMEOUT_SECS must be a positive integer (seconds), got '10m'",
            "DB_MAX_LIFETIME_SECS | 0 | DB_MAX_LIFETIME_SECS must be a positive integer (seconds), got '0'",
            "DATABASE_URL | mysql://root@db/app | DATABASE_URL must be a postgres:// or jdbc:postgresql:// URL, got 'mysql://root@db/app'"})
    void rejectsABadValueNamingTheVariableAndTheValue(String variable, String value, String message) {
        assertThatThrownBy(() -> DbConfig.fromEnv("auth-service", Map.of(variable, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsMinAboveMaxNamingBothVariables() {
        assertThatThrownBy(() -> DbConfig.fromEnv("auth-service",
                Map.of("DB_MAX_CONNECTIONS", "10", "DB_MIN_CONNECTIONS", "20")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_MIN_CONNECTIONS=20 must not exceed DB_MAX_CONNECTIONS=10");
    }

    @Test
    void rejectsMinAboveThePresetMax() {
        assertThatThrownBy(() -> DbConfig.fromEnv("cdn-service", Map.of("DB_MIN_CONNECTIONS", "4")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DB_MIN_CONNECTIONS=4 must not exceed the cdn-service preset's max (3)");
    }

    @Test
    void aBadUrlNeverEchoesItsPassword() {
        assertThatThrownBy(() -> DbConfig.fromEnv("auth-service",
                Map.of("DATABASE_URL", "mysql://app:hunter2@db/app")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("mysql://app:***@db/app")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aLoweredMaxBelowThePresetMinIsAnErrorNotASurprise() {
        // auth-service's preset min is 5: lowering max to 3 without min is a conflict to report.
        assertThatThrownBy(() -> DbConfig.fromEnv("auth-service", Map.of("DB_MAX_CONNECTIONS", "3")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("the auth-service preset's min (5) must not exceed DB_MAX_CONNECTIONS=3");
    }
}
