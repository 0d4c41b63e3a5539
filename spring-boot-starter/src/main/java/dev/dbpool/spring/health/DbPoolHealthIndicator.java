package dev.dbpool.spring.health;

import dev.dbpool.runtime.DbPool;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

import java.util.Locale;

/**
 * The {@code dbpool} health component: the pool's state as it stands, read from the pool's own
 * counters and HikariCP's, without borrowing a connection, so that it answers at once while the pool
 * is exhausted. Shedding is the pool doing its job, not an outage: an exhausted pool is {@code UP}
 * with {@code overloaded: true}; a pool that is closed or draining is {@code OUT_OF_SERVICE}.
 */
public class DbPoolHealthIndicator extends AbstractHealthIndicator {

    private final DbPool pool;

    public DbPoolHealthIndicator(DbPool pool) {
        super("dbpool health check failed");
        this.pool = pool;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (pool.isClosed() || pool.isDraining()) {
            builder.outOfService();
        } else {
            builder.up();
        }
        builder.withDetail("service", pool.serviceName())
                .withDetail("pool", pool.poolName())
                .withDetail("active", pool.activeConnections())
                .withDetail("idle", pool.idleConnections())
                .withDetail("max", pool.config().maxConnections())
                .withDetail("pending", pool.pendingThreads())
                .withDetail("utilization", Double.parseDouble(String.format(Locale.ROOT, "%.3f", pool.utilization())))
                .withDetail("overloaded", pool.overloaded())
                .withDetail("admission", pool.admission());
    }
}
