package dev.dbpool.spring;

import dev.dbpool.runtime.DbPool;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code dbpool} health component's reading, the same on every Spring Boot generation (each
 * starter's {@code DbPoolHealthIndicator} puts it into that generation's {@code Health}). It reads the
 * pool's counters and never borrows a connection, so it answers at once while the pool is exhausted;
 * an exhausted pool is still {@code UP}, since it is doing its job (shedding, visible in the
 * {@code overloaded} detail and in the metrics), and taking every instance out of the load balancer
 * at once would turn an overload into an outage. A pool that is closed or draining is out of service.
 * The details carry no URL and no credential.
 */
public final class PoolHealth {

    private final DbPool pool;

    public PoolHealth(DbPool pool) {
        this.pool = pool;
    }

    /** One reading: whether the pool is in service, and the details to show. */
    public record Reading(boolean inService, Map<String, Object> details) {
    }

    public Reading read() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("service", pool.serviceName());
        details.put("pool", pool.poolName());
        details.put("active", pool.activeConnections());
        details.put("idle", pool.idleConnections());
        details.put("max", pool.config().maxConnections());
        details.put("pending", pool.pendingThreads());
        details.put("utilization", Double.parseDouble(String.format(Locale.ROOT, "%.3f", pool.utilization())));
        details.put("overloaded", pool.overloaded());
        details.put("admission", pool.admission());
        return new Reading(!(pool.isClosed() || pool.isDraining()), details);
    }
}
