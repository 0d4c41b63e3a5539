package dev.dbpool.spring.boot3;

import dev.dbpool.spring.AutoConfigurationContract;
import dev.dbpool.spring.BootGenerationCheck;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter's contract on Spring Boot 3.5. */
class Boot3AutoConfigurationTest extends AutoConfigurationContract {

    @Override
    protected Class<?> dbpoolAutoConfiguration() {
        return DbpoolAutoConfiguration.class;
    }

    @Override
    protected Class<?> healthAutoConfiguration() {
        return DbpoolHealthAutoConfiguration.class;
    }

    @Override
    protected List<Class<?>> bootJdbcAutoConfigurations() {
        return List.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class);
    }

    @Override
    protected HealthSeen health(AssertableApplicationContext context) {
        Health health = context.getBean(DbPoolHealthIndicator.class).health();
        return new HealthSeen(health.getStatus().getCode(), health.getDetails());
    }

    @Override
    protected Class<?> healthIndicatorType() {
        return DbPoolHealthIndicator.class;
    }

    @Override
    protected BootGenerationCheck otherGenerationsCheck() {
        return new BootGenerationCheck(4) {
        };
    }

    @Test
    void runsOnSpringBoot3() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
    }
}
