package dev.dbpool.spring.boot3;

import dev.dbpool.spring.PoolHealth;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/** The {@code dbpool} health component on Spring Boot 3.5: {@link PoolHealth}'s reading, which never borrows a connection. */
public class DbPoolHealthIndicator extends AbstractHealthIndicator {

    private final PoolHealth health;

    public DbPoolHealthIndicator(PoolHealth health) {
        super("dbpool health check failed");
        this.health = health;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        PoolHealth.Reading reading = health.read();
        (reading.inService() ? builder.up() : builder.outOfService()).withDetails(reading.details());
    }
}
