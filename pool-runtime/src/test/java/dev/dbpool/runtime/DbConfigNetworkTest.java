package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import com.zaxxer.hikari.HikariConfig;
import dev.dbpool.runtime.internal.BorrowLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport settings: pgjdbc's socketTimeout, tcpKeepAlive and cancelSignalTimeout, and their variables. */
class DbConfigNetworkTest {

    @Test
    void defaultsBoundASilentConnectionAtThirtySeconds() {
        DbConfig config = DbConfig.forService("auth-service");

        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tcpKeepAlive()).isTrue();
        assertThat(config.cancelSignalTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theVariablesSetThem() {
        DbConfig config = DbConfig.fromEnv("auth-service", Map.of("DB_SOCKET_TIMEOUT_SECS", "12",
                "DB_TCP_KEEPALIVE", "false", "DB_CANCEL_SIGNAL_TIMEOUT_SECS", "3"));

        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(config.tcpKeepAlive()).isFalse();
        assertThat(config.cancelSignalTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.toString()).contains("socketTimeout=PT12S", "tcpKeepAlive=false");
    }

    @Test
    void zeroTurnsTheSocketTimeoutOff() {
        assertThat(DbConfig.fromEnv("auth-service", Map.of("DB_SOCKET_TIMEOUT_SECS", "0")).socketTimeout())
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void copiesKeepTheSettingsAndEqualityComparesThem() {
        DbConfig base = DbConfig.forService("auth-service");
        DbConfig changed = base.withSocketTimeout(Duration.ofSeconds(5));

        assertThat(changed.withMaxConnections(30).withDatabaseUrl("postgres://db/x").socketTimeout())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(changed).isNotEqualTo(base);
        assertThat(changed.withSocketTimeout(Duration.ofSeconds(30))).isEqualTo(base);
    }

    @Test
    void aNegativeSocketTimeoutIsRejected() {
        assertThatThrownBy(() -> DbConfig.forService("auth-service").withSocketTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("socketTimeout");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "DB_SOCKET_TIMEOUT_SECS | abc | DB_SOCKET_TIMEOUT_SECS must be a non-negative integer (seconds; 0 = no limit), got 'abc'",
            "DB_SOCKET_TIMEOUT_SECS | -1 | DB_SOCKET_TIMEOUT_SECS must be a non-negative integer (seconds; 0 = no limit), got '-1'",
            "DB_SOCKET_TIMEOUT_SECS | 30s | DB_SOCKET_TIMEOUT_SECS must be a non-negative integer (seconds; 0 = no limit), got '30s'",
            "DB_TCP_KEEPALIVE | yes | DB_TCP_KEEPALIVE must be true or false, got 'yes'",
            "DB_CANCEL_SIGNAL_TIMEOUT_SECS | 0 | DB_CANCEL_SIGNAL_TIMEOUT_SECS must be a positive integer (seconds), got '0'"})
    void rejectsABadValueNamingTheVariableAndTheValue(String variable, String value, String message) {
        assertThatThrownBy(() -> DbConfig.fromEnv("auth-service", Map.of(variable, value)))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage(message);
    }

    @Test
    void hikariPassesThemToPgjdbc() {
        DbConfig config = DbConfig.forService("auth-service").withSocketTimeout(Duration.ofSeconds(7))
                .withTcpKeepAlive(false).withCancelSignalTimeout(Duration.ofSeconds(4));

        HikariConfig hikari = HikariSettings.from(config, new BorrowLedger(nanos -> { }));

        assertThat(hikari.getDataSourceProperties())
                .containsEntry("socketTimeout", "7")
                .containsEntry("tcpKeepAlive", "false")
                .containsEntry("cancelSignalTimeout", "4");
    }

    @Test
    void theServiceNameGoesInTheStartupPacketSoThatLoginsThroughPgBouncerDoNotWait() {
        HikariConfig hikari = HikariSettings.from(DbConfig.forService("auth-service"), new BorrowLedger(nanos -> { }));
        assertThat(hikari.getDataSourceProperties())
                .containsEntry("ApplicationName", "auth-service")
                .containsEntry("assumeMinServerVersion", "9.0");

        DbConfig own = DbConfig.forService("auth-service")
                .withDatabaseUrl("postgres://app@db:5432/app?assumeMinServerVersion=12");
        assertThat(HikariSettings.from(own, new BorrowLedger(nanos -> { })).getDataSourceProperties())
                .as("the URL's own value wins").doesNotContainKey("assumeMinServerVersion");
    }
}
