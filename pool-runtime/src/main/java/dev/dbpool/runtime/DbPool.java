package dev.dbpool.runtime;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.dbpool.runtime.admission.AdmissionPolicy;
import dev.dbpool.runtime.metrics.PoolMetrics;
import dev.dbpool.runtime.pool.AccountedHikariDataSource;
import dev.dbpool.runtime.pool.AcquireError;
import dev.dbpool.runtime.pool.AdmittingDataSource;
import dev.dbpool.runtime.pool.BorrowLedger;
import dev.dbpool.runtime.pool.HikariSettings;
import dev.dbpool.runtime.pool.PoolMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One service's HikariCP pool, with metrics, a background monitor and admission control.
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
    private final AccountedHikariDataSource dataSource;
    private final BorrowLedger ledger;
    private final DataSource poolDataSource;
    private final PoolMetrics metrics;
    private final PoolMonitor monitor;
    private final int max;
    private final long acquireTimeoutNanos;
    private final String service;
    private final String poolName;
    /** Set by {@link #drain}: no new acquisition from then on. */
    private volatile boolean draining;
    /** One admission state per config the pool has been asked to apply (in practice one). */
    private final ConcurrentHashMap<BackpressureConfig, Admission> admissions = new ConcurrentHashMap<>();
    /** The last config asked for and its state: spares the map lookup on the hot path. */
    private volatile Admission lastAdmission;

    private DbPool(Builder builder) {
        this.config = builder.config;
        this.service = config.serviceName();
        this.poolName = builder.poolName != null ? builder.poolName : service;
        this.max = config.maxConnections();
        this.acquireTimeoutNanos = config.acquireTimeout().toNanos();
        this.metrics = new PoolMetrics(service, poolName, new LiveState());
        if (metrics.registeredIn(builder.registry)) {
            // Micrometer would hand this pool the other one's gauges, and closing either would remove both.
            throw DbPoolException.duplicate(service, poolName);
        }
        // HikariCP times every borrow with the clock reading it takes anyway; the histogram gets that
        // figure from the ledger instead of two more System.nanoTime() calls per acquisition.
        this.ledger = new BorrowLedger(metrics::recordAcquire);
        try {
            this.dataSource = new AccountedHikariDataSource(
                    HikariSettings.from(config, poolName, ledger, builder.connectionSource), ledger);
        } catch (HikariPool.PoolInitializationException e) {
            throw DbPoolException.unreachable(config, e);
        }
        this.poolDataSource = new AdmittingDataSource(dataSource,
                builder.backpressure == null ? this::acquireWithMetrics : () -> acquireWithBackpressure(builder.backpressure));
        if (builder.backpressure != null) {
            admission(builder.backpressure);
        }
        metrics.bindTo(builder.registry);
        this.monitor = new PoolMonitor(service, ledger::held, this::pendingThreads, max,
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
        if (draining) {
            throw drainingRefusal();
        }
        ledger.startAcquire();
        return acquire();
    }

    /**
     * A connection, if {@code backpressure}'s policy admits the request: else a
     * {@link PoolExhaustedException}, counted in {@code db_pool_exhausted_total}, either at once or
     * when the wait the policy allowed ran out. "Active" counts connections held and acquisitions
     * already under way, so that a burst of requests cannot all slip past the check together. The
     * decision reads the policy's state and, for a policy that decides on occupancy, the pool's two
     * striped counters: no call into HikariCP, no clock.
     *
     * <p>The pool keeps one policy state per config (a policy such as {@code codel} remembers what
     * it has seen of the pool's queue): pass the same config on every call.
     */
    public Connection acquireWithBackpressure(BackpressureConfig backpressure) throws SQLException {
        if (draining) {
            throw drainingRefusal();
        }
        Admission admission = admission(backpressure);
        ledger.startAcquire();
        int active = admission.readsInUse ? ledger.inFlight() - 1 : -1;
        long allowed = admission.policy.admit(active, max, acquireTimeoutNanos);
        if (allowed < 0) {
            ledger.finishAcquire();
            metrics.recordExhausted();
            throw PoolExhaustedException.shed(service, admission.config, admission.policy,
                    active >= 0 ? active : ledger.inFlight(), max, false);
        }
        if (allowed >= acquireTimeoutNanos) {
            return acquire();
        }
        return acquireWithin(allowed, admission, active);
    }

    private Admission admission(BackpressureConfig backpressure) {
        Admission last = lastAdmission;
        if (last != null && last.config == backpressure) {
            return last;
        }
        Objects.requireNonNull(backpressure, "backpressure");
        Admission admission = admissions.computeIfAbsent(backpressure, c -> {
            AdmissionPolicy policy = c.newPolicy();
            ledger.observe(policy);
            return new Admission(c, policy, policy.readsInUse());
        });
        lastAdmission = admission;
        return admission;
    }

    /**
     * The latency is recorded by the ledger ({@link BorrowLedger}) with HikariCP's own figure,
     * timed-out waits included: the caller waited the whole timeout, and that belongs in the histogram.
     */
    private Connection acquire() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            metrics.recordError(AcquireError.classify(e, dataSource.isClosed()));
            throw e;
        } finally {
            ledger.finishAcquire();
        }
    }

    /** A wait bounded by the policy: when it runs out the request is shed, not timed out. */
    private Connection acquireWithin(long allowedNanos, Admission admission, int active) throws SQLException {
        try {
            return dataSource.getConnection(Math.max(1, allowedNanos / 1_000_000));
        } catch (SQLTransientConnectionException e) {
            if (dataSource.isClosed()) {
                metrics.recordError(AcquireError.CLOSED);
                throw e;
            }
            metrics.recordExhausted();
            // A policy that did not read the occupancy gets it now, this request still counted in it.
            PoolExhaustedException shed = PoolExhaustedException.shed(service, admission.config, admission.policy,
                    active >= 0 ? active : ledger.inFlight() - 1, max, true);
            // The last connection failure, if any: "shed" must not hide that the database refused connections.
            if (e.getCause() != null) {
                shed.initCause(e.getCause());
            }
            throw shed;
        } catch (SQLException e) {
            metrics.recordError(AcquireError.classify(e, dataSource.isClosed()));
            throw e;
        } finally {
            ledger.finishAcquire();
        }
    }

    private SQLTransientConnectionException drainingRefusal() {
        metrics.recordError(AcquireError.CLOSED);
        // 57P03 cannot_connect_now, as PostgreSQL says while it shuts down.
        return new SQLTransientConnectionException(service + " pool (" + poolName
                + ") is shutting down: no new connections", "57P03");
    }

    /**
     * Stops admitting (every acquisition through this pool's API and {@link #dataSource()} fails at
     * once with SQLState {@code 57P03}, counted as {@code closed}) and waits, at most {@code timeout},
     * until every borrowed connection is back. Then {@link #close()} ends nothing that is still at
     * work. Code that unwrapped the {@code HikariDataSource} is not stopped.
     *
     * @return true when every connection came back in time
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        draining = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ledger.held() > 0 || ledger.acquiring() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** True once {@link #drain} was called. */
    public boolean isDraining() {
        return draining;
    }

    public DbConfig config() {
        return config;
    }

    /**
     * The pool's name: the {@code pool} label of its metrics and HikariCP's pool name; the service's
     * name unless {@link Builder#poolName} gave another.
     */
    public String poolName() {
        return poolName;
    }

    public String serviceName() {
        return service;
    }

    /** Connections handed out and not yet returned (an own counter, cheap to read). */
    public int activeConnections() {
        return ledger.held();
    }

    /** {@link #activeConnections()} / max, 0.0–1.0. */
    public double utilization() {
        return Math.min(1.0, (double) ledger.held() / max);
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

    /** True while any admission policy of this pool sees overload (the {@code db_pool_admission_overloaded} gauge). */
    public boolean overloaded() {
        for (Admission admission : admissions.values()) {
            if (admission.policy.overloaded()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool as a {@code DataSource}, for libraries that want one ({@code JdbcTemplate}, JPA, jOOQ,
     * JDBI, MyBatis): every {@code getConnection()} goes through the admission policy set on the
     * builder ({@link Builder#backpressure}; without one it waits as {@link #acquireWithMetrics()}
     * does), with the pool's metrics and error classification. {@code unwrap(HikariDataSource.class)}
     * gives the HikariCP pool itself, for tools that look for it; its connections are counted too.
     */
    public DataSource dataSource() {
        return poolDataSource;
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
        return "DbPool[" + service + (poolName.equals(service) ? "" : "/" + poolName) + ", active=" + ledger.held() + ", max=" + max + "]";
    }

    /** A config and the policy state the pool keeps for it; {@code readsInUse} asked once, not per request. */
    private record Admission(BackpressureConfig config, AdmissionPolicy policy, boolean readsInUse) {
    }

    /** What the gauges read at scrape time. */
    private final class LiveState implements PoolMetrics.PoolState {
        @Override
        public int active() {
            return ledger.held();
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

        @Override
        public boolean overloaded() {
            return DbPool.this.overloaded();
        }
    }

    /** Options beyond the {@link DbConfig}: where the metrics go and how the monitor looks. */
    public static final class Builder {
        private final DbConfig config;
        private MeterRegistry registry = Metrics.globalRegistry;
        private Duration monitorInterval = DEFAULT_MONITOR_INTERVAL;
        private double monitorThreshold = BackpressureConfig.DEFAULT_THRESHOLD;
        private DataSource connectionSource;
        private BackpressureConfig backpressure;
        private String poolName;

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
         * The admission policy of {@link DbPool#dataSource()}: every {@code getConnection()} is admitted
         * as {@link DbPool#acquireWithBackpressure(BackpressureConfig)} admits it. Without one, the
         * {@code DataSource} waits up to the acquire timeout.
         */
        public Builder backpressure(BackpressureConfig config) {
            this.backpressure = Objects.requireNonNull(config, "backpressure");
            return this;
        }

        /**
         * The pool's name (default: the service's): the {@code pool} label of its metrics and
         * HikariCP's pool name. A service with two pools, primary and replica, names at least the
         * second ({@code "replica"}), so that their series differ; a second pool with the name of one
         * still open in the same registry is refused ({@link DbPoolException}). The connections carry
         * the service's name as {@code ApplicationName} either way.
         */
        public Builder poolName(String name) {
            if (name == null || name.isBlank()) {
                throw InvalidConfigException.mustBe("poolName", "a non-blank name", name == null ? "" : name);
            }
            this.poolName = name.strip();
            return this;
        }

        /**
         * Creates the pool and opens its minimum connections.
         *
         * @throws DbPoolException when the database cannot be reached within the connect timeout, or a
         *                         pool of this service and name is already registered in the registry
         */
        public DbPool build() {
            return new DbPool(this);
        }
    }
}
