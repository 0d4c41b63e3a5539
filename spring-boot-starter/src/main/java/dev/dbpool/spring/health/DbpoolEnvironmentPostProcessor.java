package dev.dbpool.spring.health;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Adds two defaults, below every other property source so that any setting of the service wins.
 * {@code management.endpoints.web.exposure.include=health,prometheus}: the pool's metrics are the
 * point of the starter, so {@code /actuator/prometheus} is served next to Boot's default
 * {@code health} (a service that sets the property decides alone).
 * {@code management.health.db.enabled=false}: Boot's {@code db} health component borrows a
 * connection and runs a validation query; while the pool is exhausted that request is shed (or, with
 * admission off, waits the acquire timeout) and turns {@code /actuator/health} DOWN, which takes every
 * instance out of the load balancer at once, the cascade that shedding exists to prevent. The
 * {@code dbpool} component reports the pool without borrowing. Nothing is added with
 * {@code dbpool.enabled=false}.
 */
public class DbpoolEnvironmentPostProcessor implements EnvironmentPostProcessor, org.springframework.core.Ordered {

    /** After Boot's own post-processors (config data first), so that addLast really is last. */
    @Override
    public int getOrder() {
        return org.springframework.core.Ordered.LOWEST_PRECEDENCE;
    }

    static final String SOURCE = "dbpoolDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("dbpool.enabled", Boolean.class, true)) {
            return;
        }
        if (!environment.getPropertySources().contains(SOURCE)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE,
                    Map.of("management.health.db.enabled", "false",
                            "management.endpoints.web.exposure.include", "health,prometheus")));
        }
    }
}
