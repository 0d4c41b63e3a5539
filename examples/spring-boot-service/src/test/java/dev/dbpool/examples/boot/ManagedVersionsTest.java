package dev.dbpool.examples.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions this build of the service runs the dbpool runtime on, as its own pom decides them
 * (Boot's BOM, and the HikariCP floor for virtual threads on Boot 4): the pom passes what it expects.
 */
class ManagedVersionsTest {

    @Test
    void runsOnTheVersionsItsBomManages() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("example.spring-boot"));
        assertThat(jarOf(HikariDataSource.class)).contains("HikariCP-" + System.getProperty("example.hikaricp"));
        assertThat(jarOf(MeterRegistry.class)).contains("micrometer-core-" + System.getProperty("example.micrometer"));
    }

    private static String jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }
}
