package dev.dbpool.runtime;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionPolicy;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.internal.AccountedHikariDataSource;
import dev.dbpool.runtime.internal.AcquireError;
import dev.dbpool.runtime.internal.AdmittingDataSource;
import dev.dbpool.runtime.internal.BorrowLedger;
import dev.dbpool.runtime.internal.PoolMetrics;
import dev.dbpool.runtime.internal.PoolMonitor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Objects;

/**
 * One service's HikariCP pool, with metrics, a background monitor and admission control.
 *
 * <pre>{@code
 * DbPool pool = DbPool.builder(DbConfig.fromEnv("auth-service"))   // once per service
 *         .meterRegistry(prometheusRegistry)
 *         .build();                                                  // admission: BackpressureConfig.fromEnv()
 * try (Connection c = pool.acquire()) {
 *     ...
 * } catch (PoolExhaustedException e) {
 *     // answer 503 with Retry-After: do not queue behind an exhausted pool
 * }
 * }</pre>
 *
 * <p>The pool owns one admission policy, set on the builder ({@link Builder#admission}): codel
 * unless {@code DB_POOL_BACKPRESSURE_POLICY} says otherwise. {@link #acquire()} and
 * {@link #dataSource()} apply it.
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
    /** The pool's policy, or {@code null} for none (plain waiting). */
    private final Admitting admission;
    /** What {@link #acquireWithBackpressure} last applied when it was given other settings than the pool's. */
    private volatile Admitting adHoc;
    /** What a policy reads when it decides: the pool's own counters, this request excluded. */
    private final AdmissionPolicy.Occupancy occupancy;
    /** Set by {@link #drain}: no new acquisition from then on. */
    private volatile boolean draining;

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
        this.occupancy = new LiveOccupancy();
        this.admission = builder.admitting();
        if (admission != null) {
            ledger.observe(admission.policy);
        }
        try {
            this.dataSource = new AccountedHikariDataSource(
                    HikariSettings.from(config, poolName, ledger, builder.connectionSource), ledger);
        } catch (HikariPool.PoolInitializationException e) {
            throw DbPoolException.unreachable(config, e);
        }
        this.poolDataSource = new AdmittingDataSource(dataSource, this::acquire);
        metrics.bindTo(builder.registry);
        this.monitor = new PoolMonitor(service, ledger::held, this::pendingThreads, metrics::exhaustedCount,
                this::overloaded, max, builder.monitorInterval);
    }

    /** A pool for {@code config}, its metrics in Micrometer's global registry, admission from the environment. */
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
     * A connection, as the pool's admission policy allows: at once or after a wait the policy bounds,
     * else a {@link PoolExhaustedException} (counted in {@code db_pool_exhausted_total}), thrown at
     * once or when the allowed wait ran out. Records the acquisition latency and, on failure, the
     * error type ({@code timeout}, {@code closed}, {@code other}). With no admission
     * ({@code Admission.none()}) it waits up to the acquire timeout.
     */
    public Connection acquire() throws SQLException {
        Admitting current = admission;
        return current == null ? acquireWithMetrics() : admitted(current);
    }

    /**
     * A connection, waiting up to the acquire timeout whatever the pool's policy: the original
     * design's plain acquisition, with the same metrics and accounting as {@link #acquire()}.
     */
    public Connection acquireWithMetrics() throws SQLException {
        if (draining) {
            throw drainingRefusal();
        }
        ledger.startAcquire();
        return acquireUpToTimeout();
    }

    /**
     * The original design's call, kept for code written against it: a connection as {@code settings}
     * admits it. With the pool's own settings (or none) it is {@link #acquire()}. Given other
     * settings, the pool applies them with a policy of their own, kept while the same settings keep
     * coming and replaced (its state lost) when others come: build the pool with the policy instead
     * ({@link Builder#admission}), and call {@link #acquire()}.
     */
    public Connection acquireWithBackpressure(AdmissionSettings settings) throws SQLException {
        Objects.requireNonNull(settings, "settings");
        if (admission != null ? settings.equals(admission.settings) : Admission.isNone(settings)) {
            return acquire();
        }
        if (Admission.isNone(settings)) {
            return acquireWithMetrics();
        }
        Admitting other = adHoc;
        if (other == null || !settings.equals(other.settings)) {
            other = replaceAdHoc(settings);
        }
        return admitted(other);
    }

    private synchronized Admitting replaceAdHoc(AdmissionSettings settings) {
        Admitting current = adHoc;
        if (current != null && settings.equals(current.settings)) {
            return current;
        }
        if (current != null) {
            ledger.forget(current.policy);
        }
        Admitting next = Admitting.of(settings);
        ledger.observe(next.policy);
        adHoc = next;
        return next;
    }

    private Connection admitted(Admitting admitting) throws SQLException {
        if (draining) {
            throw drainingRefusal();
        }
        ledger.startAcquire();
        long allowed = admitting.policy.admit(occupancy, acquireTimeoutNanos);
        if (allowed < 0) {
            ledger.finishAcquire();
            metrics.recordExhausted();
            throw admitting.shed(service, ledger.inFlight(), max, false);
        }
        if (allowed >= acquireTimeoutNanos) {
            return acquireUpToTimeout();
        }
        return acquireWithin(allowed, admitting);
    }

    /**
     * The latency is recorded by the ledger ({@link BorrowLedger}) with HikariCP's own figure,
     * timed-out waits included: the caller waited the whole timeout, and that belongs in the histogram.
     */
    private Connection acquireUpToTimeout() throws SQLException {
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
    private Connection acquireWithin(long allowedNanos, Admitting admitting) throws SQLException {
        try {
            return dataSource.getConnection(Math.max(1, allowedNanos / 1_000_000));
        } catch (SQLTransientConnectionException e) {
            if (dataSource.isClosed()) {
                metrics.recordError(AcquireError.CLOSED);
                throw e;
            }
            metrics.recordExhausted();
            // This request still counts in the acquisitions under way: the state it saw is the rest.
            PoolExhaustedException shed = admitting.shed(service, ledger.inFlight() - 1, max, true);
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

    /** True while the pool's admission policy sees overload (the {@code db_pool_admission_overloaded} gauge). */
    public boolean overloaded() {
        Admitting other = adHoc;
        return admission != null && admission.policy.overloaded() || other != null && other.policy.overloaded();
    }

    /** The pool's admission, described for logs and reports: {@code codel(target=5ms, interval=100ms)}, or {@code none}. */
    public String admission() {
        return admission == null ? Admission.none().describe() : admission.description;
    }

    /**
     * The pool as a {@code DataSource}, for libraries that want one ({@code JdbcTemplate}, JPA, jOOQ,
     * JDBI, MyBatis): every {@code getConnection()} is an {@link #acquire()}, with the pool's admission
     * policy, metrics and error classification. {@code unwrap(HikariDataSource.class)}
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

    /**
     * A policy and what its sheds say: its settings (when it came from settings), name and
     * {@code Retry-After}, worked out once rather than per shed.
     */
    private record Admitting(AdmissionSettings settings, AdmissionPolicy policy, String name, String description,
                             Duration retryAfter) {

        static Admitting of(AdmissionSettings settings) {
            return new Admitting(settings, settings.newPolicy(), settings.name(), settings.describe(),
                    settings.retryAfter());
        }

        /** A user's own policy instance: named after its class, retry after a second. */
        static Admitting of(AdmissionPolicy policy) {
            String name = policy.getClass().getSimpleName().isEmpty() ? "custom" : policy.getClass().getSimpleName();
            return new Admitting(null, policy, name, name, Duration.ofSeconds(1));
        }

        PoolExhaustedException shed(String service, int inUse, int max, boolean waited) {
            return PoolExhaustedException.shed(service, name, retryAfter, policy, Math.max(0, inUse), max, waited);
        }
    }

    /** The pool's counters as a policy reads them, on demand. */
    private final class LiveOccupancy implements AdmissionPolicy.Occupancy {
        @Override
        public int max() {
            return max;
        }

        @Override
        public int inUse() {
            // The deciding request has started its acquisition: it is not "ahead" of itself.
            return Math.max(0, ledger.inFlight() - 1);
        }

        @Override
        public int waiting() {
            return dataSource.waitingThreads();
        }
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
        private DataSource connectionSource;
        private AdmissionSettings admissionSettings;
        private AdmissionPolicy admissionPolicy;
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
         * The pool's admission policy, from its settings: {@code BackpressureConfig.ofDefaults()},
         * {@code BackpressureConfig.fromEnv()}, {@code new ThresholdSettings(0.9)},
         * {@code Admission.none()} (plain waiting), ... Default: {@link BackpressureConfig#fromEnv()}
         * (codel unless {@code DB_POOL_BACKPRESSURE_POLICY} says otherwise), read when the pool is built.
         */
        public Builder admission(AdmissionSettings settings) {
            this.admissionSettings = Objects.requireNonNull(settings, "settings");
            this.admissionPolicy = null;
            return this;
        }

        /**
         * A policy of your own, for this pool only (a policy keeps the state of one pool: give every
         * pool its own instance).
         */
        public Builder admission(AdmissionPolicy policy) {
            this.admissionPolicy = Objects.requireNonNull(policy, "policy");
            this.admissionSettings = null;
            return this;
        }

        /** The pool's admission, or {@code null} for none. */
        private Admitting admitting() {
            if (admissionPolicy != null) {
                return Admitting.of(admissionPolicy);
            }
            AdmissionSettings settings = admissionSettings != null ? admissionSettings : BackpressureConfig.fromEnv();
            return Admission.isNone(settings) ? null : Admitting.of(settings);
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
