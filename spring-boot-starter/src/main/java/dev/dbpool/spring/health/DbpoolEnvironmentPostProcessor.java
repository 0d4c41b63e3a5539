package dev.dbpool.spring.health;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Adds one default, below every other property source so that any setting of the service wins:
 * {@code management.health.db.enabled=false}. Boot's {@code db} health component borrows a
 * connection and runs a validation query; while the pool is exhausted that request is shed (or, with
 * admission off, waits the acquire timeout) and turns {@code /actuator/health} DOWN, which takes every
 * instance out of the load balancer at once, the cascade that shedding exists to prevent. The
 * {@code dbpool} component reports the pool without borrowing. Nothing is added with
 * {@code dbpool.enabled=false}.
 */
public class DbpoolEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String SOURCE = "dbpoolDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("dbpool.enabled", Boolean.class, true)) {
            return;
        }
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("management.health.db.enabled", "false")));
        }
    }
}
