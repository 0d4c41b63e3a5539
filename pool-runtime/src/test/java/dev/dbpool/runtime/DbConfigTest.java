package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbConfigTest {

    private final DbConfig auth = DbConfig.forService("auth-service")
            .withDatabaseUrl("postgres://app:hunter2@db:5432/app");

    @Test
    void rejectsNonPositiveMax() {
        assertThatThrownBy(() -> auth.withMaxConnections(0))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("maxConnections must be a positive integer, got '0'");
    }

    @Test
    void rejectsNegativeMin() {
        assertThatThrownBy(() -> auth.withMinConnections(-1))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("minConnections must be a non-negative integer, got '-1'");
    }

    @Test
    void rejectsMinAboveMax() {
        assertThatThrownBy(() -> auth.withMinConnections(17))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("minConnections (17) must not exceed maxConnections (16)");
    }

    @Test
    void rejectsZeroOrNegativeDurations() {
        assertThatThrownBy(() -> auth.withAcquireTimeout(Duration.ZERO))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("acquireTimeout must be a positive duration, got 'PT0S'");
        assertThatThrownBy(() -> auth.withConnectTimeout(Duration.ofSeconds(-1)))
                .hasMessage("connectTimeout must be a positive duration, got 'PT-1S'");
    }

    @Test
    void rejectsBlankServiceName() {
        assertThatThrownBy(() -> auth.withServiceName(" "))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("serviceName must be a non-blank name");
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(auth.toString())
                .contains("jdbc:postgresql://db:5432/app", "user=app", "password=***")
                .doesNotContain("hunter2");
    }

    @Test
    void databaseUrlMasksThePasswordInEitherForm() {
        assertThat(auth.databaseUrl()).isEqualTo("postgres://app:***@db:5432/app");
        DbConfig jdbc = auth.withDatabaseUrl("jdbc:postgresql://db:5432/app?user=app&password=hunter2&sslmode=require");
        assertThat(jdbc.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&sslmode=require");
        assertThat(jdbc.toString()).doesNotContain("hunter2");
    }

    @Test
    void theCredentialsSurviveEveryCopy() {
        DbConfig copied = auth.withPoolSize(4, 1).withAcquireTimeout(Duration.ofSeconds(3)).withServiceName("billing")
                .withIdleTimeout(Duration.ofSeconds(60)).withMaxLifetime(Duration.ofSeconds(600))
                .withConnectTimeout(Duration.ofSeconds(2)).withTestBeforeAcquire(false);

        assertThat(copied.parsedDatabaseUrl().user()).isEqualTo("app");
        assertThat(copied.parsedDatabaseUrl().password()).isEqualTo("hunter2");
        assertThat(copied.parsedDatabaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void withCredentialsReplacesUserAndPasswordButNotTheUrl() {
        DbConfig spring = auth.withDatabaseUrl("jdbc:postgresql://db:5432/app?sslmode=require")
                .withCredentials("svc", "t0p-secret");

        assertThat(spring.parsedDatabaseUrl().user()).isEqualTo("svc");
        assertThat(spring.parsedDatabaseUrl().password()).isEqualTo("t0p-secret");
        assertThat(spring.parsedDatabaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(spring.databaseUrl()).isEqualTo("jdbc:postgresql://db:5432/app?sslmode=require");
        assertThat(spring.toString()).contains("user=svc", "password=***").doesNotContain("t0p-secret");
        assertThat(auth.withCredentials(null, "other").parsedDatabaseUrl().user()).isEqualTo("app");
    }

    @Test
    void aBadUrlIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> auth.withDatabaseUrl("mysql://app:hunter2@db/app"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("databaseUrl")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void equalConfigsAreEqual() {
        assertThat(auth.withPoolSize(2, 1)).isEqualTo(auth.withPoolSize(2, 1))
                .hasSameHashCodeAs(auth.withPoolSize(2, 1))
                .isNotEqualTo(auth.withCredentials(null, "other").withPoolSize(2, 1));
    }

    @Test
    void withPoolSizeShrinksBothInOneStep() {
        DbConfig small = auth.withPoolSize(2, 1);

        assertThat(small.maxConnections()).isEqualTo(2);
        assertThat(small.minConnections()).isEqualTo(1);
    }
}
