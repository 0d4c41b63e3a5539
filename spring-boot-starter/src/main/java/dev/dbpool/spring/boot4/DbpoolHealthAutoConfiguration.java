package dev.dbpool.spring.boot4;

import dev.dbpool.spring.PoolHealth;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code dbpool} health component ({@code management.health.dbpool.enabled}, default true).
 * Boot's own {@code db} component borrows a connection and runs a query, which during an overload
 * queues behind the pool or is shed; the starter turns it off by default
 * ({@code dev.dbpool.spring.DbpoolDefaults}), and {@code management.health.db.enabled=true} brings it back.
 */
@AutoConfiguration(after = DbpoolAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(PoolHealth.class)
@ConditionalOnEnabledHealthIndicator("dbpool")
public class DbpoolHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dbpoolHealthIndicator")
    public DbPoolHealthIndicator dbpoolHealthIndicator(PoolHealth health) {
        return new DbPoolHealthIndicator(health);
    }
}
