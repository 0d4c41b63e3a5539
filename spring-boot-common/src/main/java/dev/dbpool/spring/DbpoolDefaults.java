package dev.dbpool.spring;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
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
 *
 * <p>A listener of the prepared environment rather than an {@code EnvironmentPostProcessor}, whose
 * interface moved package between Spring Boot 3 and 4: this event is the same on both, and ordered
 * last it runs after Boot's own post-processors (config data first), so that addLast really is last.
 */
public class DbpoolDefaults implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String SOURCE = "dbpoolDefaults";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        apply(event.getEnvironment());
    }

    static void apply(ConfigurableEnvironment environment) {
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
