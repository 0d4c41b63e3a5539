package dev.dbpool.runtime;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.dbpool.runtime.metrics.PoolMetrics;
import dev.dbpool.runtime.pool.AcquireError;
import dev.dbpool.runtime.pool.HikariSettings;
import dev.dbpool.runtime.pool.InFlightCounter;
import dev.dbpool.runtime.pool.PoolMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;

/**
 * One service's HikariCP pool, with metrics, a background monitor and fail-fast backpressure.
 *
 * <pre>{@code
 * try (DbPool pool = DbPool.create(DbConfig.fromEnv("auth-service"), prometheusRegistry);
 *      Connection c = pool.acquireWithBackpressure(BackpressureConfig.fromEnv())) {
 *     ...
 * } catch (PoolExhaustedException e) {
 *     // answer 503 with Retry-After: do not queue behind an exhausted pool
 * }
 * }</pre>
 */
public final class DbPool implements AutoCloseable {

    public static final Duration DEFAULT_MONITOR_INTERVAL = Duration.ofSeconds(30);

    private final DbConfig config;
    private final HikariDataSource dataSource;
    private final InFlightCounter inFlight;
    private final PoolMetrics metrics;
    private final PoolMonitor monitor;
    private final int max;
    private final String service;

    private DbPool(Builder builder) {
        this.config = builder.config;
        this.service = config.serviceName();
        this.max = config.maxConnections();
        this.metrics = new PoolMetrics(service, new LiveState());
        // HikariCP times every borrow with the clock reading it takes anyway; the histogram gets that
        // figure from the tracker instead of two more System.nanoTime() calls per acquisition.
        this.inFlight = new InFlightCounter(metrics::recordAcquire);
        try {
            this.dataSource = new HikariDataSource(HikariSettings.from(config, inFlight, builder.connectionSource));
        } catch (HikariPool.PoolInitializationException e) {
            throw DbPoolException.unreachable(config, e);
        }
        // Bound once the pool exists (no meters for a pool that failed to start); nothing borrows
        // from the pool before this constructor returns, so the tracker cannot record before this.
        metrics.bindTo(builder.registry);
        this.monitor = new PoolMonitor(service, inFlight::held, this::pendingThreads, max,
                builder.monitorThreshold, builder.monitorInterval);
    }

    /** A pool for {@code config}, its metrics in Micrometer's global registry. */
    public static DbPool create(DbConfig config) {
        return builder(config).build();
    }

    /** A pool for {@code config}, its metrics in {@code registry} (a {@code PrometheusMeterRegistry} in production). */
    public static DbPool create(DbConfig config, MeterRegistry registry) {
        return builder(config).meterRegistry(registry).build();
    }

    public static Builder builder(DbConfig config) {
        return new Builder(config);
    }

    /**
     * A connection, waiting up to the acquire timeout; records the acquisition latency and, on
     * failure, the error type ({@code timeout}, {@code closed}, {@code other}).
     */
    public Connection acquireWithMetrics() throws SQLException {
        inFlight.startAcquire();
        return acquire();
    }

    /**
     * A connection, unless the pool is above {@code backpressure}'s threshold at this moment: then a
     * {@link PoolExhaustedException} at once, counted in {@code db_pool_exhausted_total}. "Active"
     * counts connections held and acquisitions already under way, so that a burst of requests cannot
     * all slip past the check together. The decision reads two counters: no call into HikariCP.
     */
    public Connection acquireWithBackpressure(BackpressureConfig backpressure) throws SQLException {
        int active = inFlight.startAcquire() - 1;
        if (backpressure.rejects(active, max)) {
            inFlight.finishAcquire();
            metrics.recordExhausted();
            throw PoolExhaustedException.of(service, active, max, backpressure.threshold());
        }
        return acquire();
    }

    /**
     * The latency is recorded by the tracker ({@link InFlightCounter}) with HikariCP's own figure,
     * timed-out waits included: the caller waited the whole timeout, and that belongs in the histogram.
     */
    private Connection acquire() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            metrics.recordError(AcquireError.classify(e, dataSource.isClosed()));
            throw e;
        } finally {
            inFlight.finishAcquire();
        }
    }

    public DbConfig config() {
        return config;
    }

    public String serviceName() {
        return service;
    }

    /** Connections handed out and not yet returned (an own counter, cheap to read). */
    public int activeConnections() {
        return inFlight.held();
    }

    /** {@link #activeConnections()} / max, 0.0–1.0. */
    public double utilization() {
        return Math.min(1.0, (double) inFlight.held() / max);
    }

    /** Idle connections in the pool (asks HikariCP: fine for monitoring, not per request). */
    public int idleConnections() {
        HikariPoolMXBean bean = dataSource.isClosed() ? null : dataSource.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getIdleConnections();
    }

    /** Threads waiting for a connection (asks HikariCP). */
    public int pendingThreads() {
        HikariPoolMXBean bean = dataSource.isClosed() ? null : dataSource.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getThreadsAwaitingConnection();
    }

    /** Open connections, idle and active (asks HikariCP). */
    public int totalConnections() {
        HikariPoolMXBean bean = dataSource.isClosed() ? null : dataSource.getHikariPoolMXBean();
        return bean == null ? 0 : bean.getTotalConnections();
    }

    /**
     * The underlying {@code DataSource}, for libraries that want one. Connections taken from it are
     * counted as active and their acquisitions timed, but backpressure does not apply and their
     * errors are not counted by type.
     */
    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isClosed() {
        return dataSource.isClosed();
    }

    /** Closes every connection, stops the monitor and removes the pool's gauges (counters stay). */
    @Override
    public void close() {
        monitor.close();
        dataSource.close();
        metrics.unbindGauges();
    }

    @Override
    public String toString() {
        return "DbPool[" + service + ", active=" + inFlight.held() + ", max=" + max + "]";
    }

    /** What the gauges read at scrape time. */
    private final class LiveState implements PoolMetrics.PoolState {
        @Override
        public int active() {
            return inFlight.held();
        }

        @Override
        public int idle() {
            return idleConnections();
        }

        @Override
        public int max() {
            return max;
        }

        @Override
        public int pending() {
            return pendingThreads();
        }
    }

    /** Options beyond the {@link DbConfig}: where the metrics go and how the monitor looks. */
    public static final class Builder {
        private final DbConfig config;
        private MeterRegistry registry = Metrics.globalRegistry;
        private Duration monitorInterval = DEFAULT_MONITOR_INTERVAL;
        private double monitorThreshold = BackpressureConfig.DEFAULT_THRESHOLD;
        private DataSource connectionSource;

        private Builder(DbConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** How often the monitor looks at the pool (default 30 s). */
        public Builder monitorInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw InvalidConfigException.mustBe("monitorInterval", "a positive duration", interval);
            }
            this.monitorInterval = interval;
            return this;
        }

        /** Utilization at which the monitor calls the pool exhausted (default 0.85). */
        public Builder monitorThreshold(double threshold) {
            this.monitorThreshold = BackpressureConfig.of(threshold).threshold();
            return this;
        }

        /**
         * Where the pool opens its connections, instead of pgjdbc with the config's database URL: an
         * unpooled {@code DataSource} that HikariCP wraps ({@code HikariConfig.setDataSource}), for
         * a platform that hands one out (an IAM-token or cloud-connector {@code PGSimpleDataSource})
         * or a benchmark that measures the pool without network I/O. That {@code DataSource} owns
         * the URL, the credentials and the driver properties, {@code ApplicationName} included; the
         * config still decides sizes, timeouts and validation, and its URL names the database in
         * error messages.
         */
        public Builder connectionSource(DataSource unpooled) {
            this.connectionSource = Objects.requireNonNull(unpooled, "connectionSource");
            return this;
        }

        /**
         * Creates the pool and opens its minimum connections.
         *
         * @throws DbPoolException when the database cannot be reached within the connect timeout
         */
        public DbPool build() {
            return new DbPool(this);
        }
    }
}
