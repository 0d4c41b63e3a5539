package dev.dbpool.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import dev.dbpool.spring.health.DbPoolHealthIndicator;
import dev.dbpool.spring.health.DbpoolHealthAutoConfiguration;
import dev.dbpool.spring.web.DbpoolWebAutoConfiguration;
import dev.dbpool.spring.web.PoolExhaustedProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The auto-configuration against the tests' real PostgreSQL. */
@ExtendWith(OutputCaptureExtension.class)
class DbpoolAutoConfigurationTest {

    private static final TestDatabase DB = TestDatabase.get();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DbpoolAutoConfiguration.class, DbpoolHealthAutoConfiguration.class,
                    DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("spring.application.name=auth-service",
                    "spring.datasource.url=" + DB.parsed().jdbcUrl(),
                    "spring.datasource.username=" + (DB.parsed().user() == null ? "" : DB.parsed().user()),
                    "spring.datasource.password=" + (DB.parsed().password() == null ? "" : DB.parsed().password()),
                    "DB_MAX_CONNECTIONS=3", "DB_MIN_CONNECTIONS=0");

    @Test
    void theDataSourceIsThePoolWithAdmission() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DataSource.class).hasSingleBean(DbPool.class);
            DbPool pool = context.getBean(DbPool.class);
            DataSource ds = context.getBean(DataSource.class);
            assertThat(ds).isSameAs(pool.dataSource());
            assertThat(pool.serviceName()).isEqualTo("auth-service");
            assertThat(pool.config().maxConnections()).isEqualTo(3);
            assertThat(context.getBean(AdmissionSettings.class)).isEqualTo(BackpressureConfig.ofDefaults());
            assertThat(ds.unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(3);

            // JdbcTemplate and transactions from Boot's own auto-configuration, on this DataSource.
            assertThat(context).hasSingleBean(JdbcTemplate.class).hasSingleBean(PlatformTransactionManager.class);
            assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT current_setting('application_name')",
                    String.class)).isEqualTo("auth-service");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get(MetricNames.CONNECTIONS).tag(MetricNames.LABEL_SERVICE, "auth-service")
                    .tag(MetricNames.LABEL_STATE, MetricNames.STATE_MAX).gauge().value()).isEqualTo(3.0);
            assertThat(registry.get(MetricNames.meterName(MetricNames.ACQUIRE_DURATION)).timer().count()).isPositive();
        });
    }

    @Test
    void anExhaustedPoolShedsAndTheHealthIndicatorAnswersWithoutBorrowing() {
        runner.run(context -> {
            DataSource ds = context.getBean(DataSource.class);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(ds.getConnection());
            }
            try {
                long start = System.nanoTime();
                Throwable shed = org.assertj.core.api.Assertions.catchThrowable(
                        () -> context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
                assertThat((Object) PoolExhaustedProblemHandler.find(shed)).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

                Health health = context.getBean(DbPoolHealthIndicator.class).health();
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("active", 3).containsEntry("max", 3)
                        .containsEntry("service", "auth-service").containsEntry("pool", "auth-service")
                        .containsKeys("idle", "pending", "utilization", "overloaded", "admission");
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        });
    }

    @Test
    void propertiesChooseThePolicyAndThePoolName() {
        runner.withPropertyValues("dbpool.backpressure.policy=threshold", "dbpool.backpressure.threshold=0.5",
                "dbpool.pool-name=auth-primary").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AdmissionSettings.class)).isEqualTo(new ThresholdSettings(0.5));
            assertThat(context.getBean(DbPool.class).admission()).isEqualTo("threshold(0.5)");
            assertThat(context.getBean(DbPool.class).poolName()).isEqualTo("auth-primary");
        });
    }

    @Test
    void backpressureCanBeTurnedOff() {
        runner.withPropertyValues("dbpool.backpressure.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(AdmissionSettings.class);
            assertThat(context.getBean(DbPoolHealthIndicator.class).health().getDetails())
                    .containsEntry("admission", "none");
        });
    }

    @Test
    void dbpoolCanBeTurnedOffAltogether() {
        runner.withPropertyValues("dbpool.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(DbPool.class);
            assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class); // Boot's own
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDataSource {
        @Bean
        DataSource dataSource() {
            return new DriverManagerDataSource(DB.parsed().jdbcUrl());
        }
    }

    @Test
    void aDataSourceOfTheServiceWins() {
        runner.withUserConfiguration(OwnDataSource.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
            assertThat(context.getBean(DataSource.class)).isInstanceOf(DriverManagerDataSource.class);
        });
    }

    @Test
    void aBadPropertyFailsStartUpNamingPropertyAndValue() {
        runner.withPropertyValues("dbpool.backpressure.threshold=1.5").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("dbpool.backpressure.threshold must be a number from 0.0 to 1.0, got '1.5'"));
        runner.withPropertyValues("DB_MAX_CONNECTIONS=many").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("DB_MAX_CONNECTIONS must be a positive integer, got 'many'"));
        // Boot's own binding errors: property and value named.
        runner.withPropertyValues("dbpool.backpressure.threshold=abc").run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Failed to bind properties under 'dbpool.backpressure.threshold'"));
        runner.withPropertyValues("dbpool.backpressure.policy=fifo").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("dbpool.backpressure.policy must be one of codel, threshold, none, got 'fifo'"));
        runner.withPropertyValues("dbpool.backpressure.codel-interval=soon").run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Failed to bind properties under 'dbpool.backpressure.codel-interval'"));
    }

    private static String messages(Throwable failure) {
        StringBuilder everything = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            everything.append(t).append('\n');
        }
        return everything.toString();
    }

    @Test
    void anUnreachableDatabaseFailsStartUpWithoutThePassword(CapturedOutput output) {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "spring.datasource.username=svc", "spring.datasource.password=" + password,
                "DB_CONNECT_TIMEOUT_SECS=1").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).isNotNull();
            StringBuilder everything = new StringBuilder();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                everything.append(t).append('\n');
            }
            assertThat(everything).contains("auth-service: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                    .doesNotContain(password);
            org.springframework.boot.diagnostics.FailureAnalysis analysis =
                    new DbpoolUnreachableFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("cannot reach PostgreSQL").doesNotContain(password);
        });
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aMissingServiceNameFailsStartUpSayingWhatToSet() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DbpoolAutoConfiguration.class))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spring.application.name"));
    }

    @Test
    void theFailureAnalyzerReportsTheSetting() {
        runner.withPropertyValues("DB_MIN_CONNECTIONS=-1").run(context -> {
            org.springframework.boot.diagnostics.FailureAnalysis analysis =
                    new DbpoolFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("DB_MIN_CONNECTIONS must be a non-negative integer, got '-1'");
        });
    }

    @Test
    void shutdownDrainsBorrowedConnectionsBeforeClosing() {
        DbPool[] pool = new DbPool[1];
        runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20s").run(context -> {
            pool[0] = context.getBean(DbPool.class);
            assertThat(context.getBean(DbPoolDrain.class).timeout()).isEqualTo(Duration.ofSeconds(20));
            Connection borrowed = context.getBean(DataSource.class).getConnection();
            Thread giver = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    assertThat(pool[0].isDraining()).isTrue();
                    assertThat(pool[0].isClosed()).isFalse();
                    borrowed.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            giver.start();
            context.close();
            giver.join();
        });
        assertThat(pool[0].isClosed()).isTrue();
        assertThat(pool[0].activeConnections()).isZero();
    }

    @Test
    void theWebHandlerIsRegisteredUnlessTurnedOff() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DbpoolWebAutoConfiguration.class));
        web.run(context -> assertThat(context).hasSingleBean(PoolExhaustedProblemHandler.class));
        web.withPropertyValues("dbpool.web.problem-details.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PoolExhaustedProblemHandler.class));
    }
}
