package dev.dbpool.spring;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import dev.dbpool.spring.web.DbpoolWebAutoConfiguration;
import dev.dbpool.spring.web.PoolExhaustedProblemHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every dbpool starter does, against the tests' real PostgreSQL: written once, compiled and run
 * by each starter against its own Spring Boot generation, which names the generation's classes.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class AutoConfigurationContract {

    protected static final TestDatabase DB = TestDatabase.get();

    /** The starter's {@code DbpoolAutoConfiguration}. */
    protected abstract Class<?> dbpoolAutoConfiguration();

    /** The starter's {@code DbpoolHealthAutoConfiguration}. */
    protected abstract Class<?> healthAutoConfiguration();

    /** Boot's own DataSource, JdbcTemplate and transaction manager auto-configurations of this generation. */
    protected abstract List<Class<?>> bootJdbcAutoConfigurations();

    /** The {@code dbpool} health component's status and details, through this generation's health API. */
    protected abstract HealthSeen health(AssertableApplicationContext context);

    /** The starter for the other generation, as its check would run there. */
    protected abstract BootGenerationCheck otherGenerationsCheck();

    /** A health reading, whichever generation's {@code Health} it came from. */
    public record HealthSeen(String status, Map<String, Object> details) {
    }

    protected ApplicationContextRunner runner() {
        List<Class<?>> configurations = new ArrayList<>(bootJdbcAutoConfigurations());
        // Boot's own first in the list: the sort by @AutoConfiguration(before/after) must still put dbpool first.
        configurations.add(dbpoolAutoConfiguration());
        configurations.add(healthAutoConfiguration());
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(configurations.toArray(Class<?>[]::new)))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("spring.application.name=auth-service",
                        "spring.datasource.url=" + DB.parsed().jdbcUrl(),
                        "spring.datasource.username=" + (DB.parsed().user() == null ? "" : DB.parsed().user()),
                        "spring.datasource.password=" + (DB.parsed().password() == null ? "" : DB.parsed().password()),
                        // One connection open from the start: a first query that waited for a connection to
                        // be opened could be shed by codel (100 ms) on a busy machine.
                        "DB_MAX_CONNECTIONS=3", "DB_MIN_CONNECTIONS=1");
    }

    @Test
    void theDataSourceIsThePoolWithAdmissionOrderedBeforeBootsOwn() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DataSource.class).hasSingleBean(DbPool.class);
            DbPool pool = context.getBean(DbPool.class);
            DataSource ds = context.getBean(DataSource.class);
            assertThat(ds).isSameAs(pool.dataSource()); // Boot's DataSourceAutoConfiguration backed off
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
    void anExhaustedPoolShedsAndTheHealthComponentAnswersWithoutBorrowing() {
        runner().run(context -> {
            // Held through HikariCP itself (accounted, not admitted): the test wants the pool full, and
            // codel may shed a holder that waits for a connection being opened on a busy machine.
            HikariDataSource hikari = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                held.add(hikari.getConnection());
            }
            try {
                long start = System.nanoTime();
                Throwable shed = catchThrowable(
                        () -> context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class));
                assertThat((Object) PoolExhaustedProblemHandler.find(shed)).isNotNull();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

                HealthSeen health = health(context);
                assertThat(health.status()).isEqualTo("UP");
                assertThat(health.details()).containsEntry("active", 3).containsEntry("max", 3)
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
    void aDrainingPoolIsOutOfService() {
        runner().run(context -> {
            context.getBean(DbPool.class).drain(Duration.ZERO);
            assertThat(health(context).status()).isEqualTo("OUT_OF_SERVICE");
        });
    }

    @Test
    void propertiesChooseThePolicyAndThePoolName() {
        runner().withPropertyValues("dbpool.backpressure.policy=threshold", "dbpool.backpressure.threshold=0.5",
                "dbpool.pool-name=auth-primary").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AdmissionSettings.class)).isEqualTo(new ThresholdSettings(0.5));
            assertThat(context.getBean(DbPool.class).admission()).isEqualTo("threshold(0.5)");
            assertThat(context.getBean(DbPool.class).poolName()).isEqualTo("auth-primary");
        });
    }

    @Test
    void backpressureCanBeTurnedOff() {
        runner().withPropertyValues("dbpool.backpressure.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(AdmissionSettings.class);
            assertThat(health(context).details()).containsEntry("admission", "none");
        });
    }

    @Test
    void dbpoolCanBeTurnedOffAltogether() {
        runner().withPropertyValues("dbpool.enabled=false").run(context -> {
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
        runner().withUserConfiguration(OwnDataSource.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
            assertThat(context.getBean(DataSource.class)).isInstanceOf(DriverManagerDataSource.class);
        });
    }

    @Test
    void aBadPropertyFailsStartUpNamingPropertyAndValue() {
        runner().withPropertyValues("dbpool.backpressure.threshold=1.5").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("dbpool.backpressure.threshold must be a number from 0.0 to 1.0, got '1.5'"));
        runner().withPropertyValues("DB_MAX_CONNECTIONS=many").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("DB_MAX_CONNECTIONS must be a positive integer, got 'many'"));
        // Boot's own binding errors: property and value named.
        runner().withPropertyValues("dbpool.backpressure.threshold=abc").run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Failed to bind properties under 'dbpool.backpressure.threshold'"));
        runner().withPropertyValues("dbpool.backpressure.policy=fifo").run(context -> assertThat(context)
                .getFailure().rootCause().hasMessage("dbpool.backpressure.policy must be one of codel, threshold, none, got 'fifo'"));
        runner().withPropertyValues("dbpool.backpressure.codel-interval=soon").run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Failed to bind properties under 'dbpool.backpressure.codel-interval'"));
    }

    @Test
    void theFailureAnalyzerReportsTheSettingAndNeverThePassword() {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        runner().withPropertyValues("DB_MIN_CONNECTIONS=-1", "spring.datasource.password=" + password).run(context -> {
            FailureAnalysis analysis = new DbpoolFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("DB_MIN_CONNECTIONS must be a non-negative integer, got '-1'")
                    .doesNotContain(password);
        });
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
        runner().withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "spring.datasource.username=svc", "spring.datasource.password=" + password,
                "DB_CONNECT_TIMEOUT_SECS=1").run(context -> {
            Throwable failure = context.getStartupFailure();
            assertThat(failure).isNotNull();
            assertThat(messages(failure)).contains("auth-service: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                    .doesNotContain(password);
            FailureAnalysis analysis = new DbpoolUnreachableFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("cannot reach PostgreSQL").doesNotContain(password);
        });
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aMissingServiceNameFailsStartUpSayingWhatToSet() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(dbpoolAutoConfiguration()))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("spring.application.name"));
    }

    @Test
    void shutdownDrainsBorrowedConnectionsBeforeClosing() {
        DbPool[] pool = new DbPool[1];
        runner().withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=20s").run(context -> {
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

    /** An application with nothing but auto-configuration, as {@code @SpringBootApplication} has it. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Test
    void aRealStartUpReadsTheStartersImportsAndAddsTheDefaults() {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext context = application.run("--spring.application.name=auth-service",
                "--spring.datasource.url=" + DB.parsed().jdbcUrl(),
                "--spring.datasource.username=" + (DB.parsed().user() == null ? "" : DB.parsed().user()),
                "--spring.datasource.password=" + (DB.parsed().password() == null ? "" : DB.parsed().password()),
                "--DB_MIN_CONNECTIONS=0")) {
            assertThat(context.getBean(DataSource.class)).isSameAs(context.getBean(DbPool.class).dataSource());
            assertThat(context.getBeansOfType(healthIndicatorType())).containsKey("dbpoolHealthIndicator");
            assertThat(context.getEnvironment().getProperty("management.health.db.enabled")).isEqualTo("false");
            assertThat(context.getEnvironment().getProperty("management.endpoints.web.exposure.include"))
                    .isEqualTo("health,prometheus");
        }
    }

    @Test
    void aBadDbpoolPropertyFailsARealStartUpWithTheAnalyzersReportAndNoPassword(CapturedOutput output) {
        String password = "pw-" + Long.toHexString(System.nanoTime());
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--spring.application.name=auth-service",
                "--spring.datasource.url=" + DB.parsed().jdbcUrl(), "--spring.datasource.password=" + password,
                "--dbpool.backpressure.threshold=1.5")).isNotNull();
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START",
                "The dbpool DataSource could not be configured: dbpool.backpressure.threshold must be a number "
                        + "from 0.0 to 1.0, got '1.5'")
                .doesNotContain(password);
    }

    /** The starter's {@code DbPoolHealthIndicator}. */
    protected abstract Class<?> healthIndicatorType();

    @Test
    void theOtherGenerationsStarterFailsStartUpWithOneSentenceNamingBothVersions(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.addListeners(otherGenerationsCheck());
        assertThatThrownBy(() -> application.run("--spring.application.name=auth-service"))
                .isInstanceOf(WrongStarterException.class)
                .hasMessageMatching("dev\\.dbpool:dbpool-spring-boot3?-starter is built for Spring Boot [0-9.a-z ]+, "
                        + "but this service runs Spring Boot [0-9]+\\.[0-9]+\\.[0-9]+: depend on "
                        + "dev\\.dbpool:dbpool-spring-boot3?-starter instead\\.");
        // Boot's failure report: the sentence, not a stack of class-not-found errors.
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "is built for Spring Boot",
                "but this service runs Spring Boot");
    }
}
