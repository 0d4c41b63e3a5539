package dev.dbpool.spring;

import dev.dbpool.runtime.DbPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Drains the pool on shutdown: stops admitting and waits for every borrowed connection, at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase}; the pool bean is closed afterwards. Its phase
 * is below the web server's ({@code WebServerGracefulShutdownLifecycle}, {@code DEFAULT_PHASE - 1024},
 * and {@code WebServerStartStopLifecycle}, {@code - 2048}), so it stops after them: requests in
 * flight during a graceful shutdown still get their connections.
 */
public class DbPoolDrain implements SmartLifecycle {

    /** Stopped after the web server (higher phases stop first). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger LOG = LoggerFactory.getLogger(DbPoolDrain.class);

    private final DbPool pool;
    private final Duration timeout;
    private volatile boolean running;

    public DbPoolDrain(DbPool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        try {
            int active = pool.activeConnections();
            if (pool.drain(timeout)) {
                LOG.debug("{} pool drained ({} connections were in use)", pool.serviceName(), active);
            } else {
                LOG.warn("{} pool: {} connections still in use after {}ms of draining; closing anyway",
                        pool.serviceName(), pool.activeConnections(), timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    public Duration timeout() {
        return timeout;
    }
}
