package dev.dbpool.spring.health;

import dev.dbpool.runtime.DbPool;
import dev.dbpool.spring.DbpoolAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code dbpool} health component ({@code management.health.dbpool.enabled}, default true).
 * Boot's own {@code db} component borrows a connection and runs a query, which during an overload
 * queues behind the pool or is shed; the starter turns it off by default
 * ({@link DbpoolEnvironmentPostProcessor}), and {@code management.health.db.enabled=true} brings it back.
 */
@AutoConfiguration(after = DbpoolAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DbPool.class)
@ConditionalOnEnabledHealthIndicator("dbpool")
public class DbpoolHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "dbpoolHealthIndicator")
    public DbPoolHealthIndicator dbpoolHealthIndicator(DbPool pool) {
        return new DbPoolHealthIndicator(pool);
    }
}
