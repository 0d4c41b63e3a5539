package dev.dbpool.runtime;

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
    void withPoolSizeShrinksBothInOneStep() {
        DbConfig small = auth.withPoolSize(2, 1);

        assertThat(small.maxConnections()).isEqualTo(2);
        assertThat(small.minConnections()).isEqualTo(1);
    }
}
