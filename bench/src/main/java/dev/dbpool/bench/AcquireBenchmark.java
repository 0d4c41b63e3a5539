package dev.dbpool.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * What dbpool adds to one connection acquisition: take a connection, use it (nothing on the stub
 * driver, one {@code SELECT 1} on PostgreSQL: {@link BenchTarget}) and give it back, through bare
 * HikariCP ({@link #hikariBaseline}), through HikariCP as Spring Boot configures it
 * ({@link #hikariMicrometer}: what a service runs before it adds dbpool) and through {@link DbPool}'s
 * two acquire methods and its {@code DataSource}, on pools with the same settings. Run it at one thread (the cost of the code) and at more threads than the pool
 * has connections (the cost under contention): {@code bench/run-jmh.sh} runs both and writes JSON;
 * {@code docs/benchmarks.md} has the figures.
 *
 * <p>{@code acquireWithBackpressure} runs the admission policy named by {@code -p policy}, with its
 * default parameters ({@code codel}, the default policy, unless told otherwise). At one thread no
 * policy rejects (the figure is the decision plus a normal acquisition); under contention
 * {@code threshold} (0.85) rejects part of the calls, which then return at once instead of
 * queueing, and {@link Outcomes} counts how many.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AcquireBenchmark {

    @Param({BenchTarget.STUB, BenchTarget.POSTGRES})
    public String target;

    /** Connections in the pool (fixed size). 4 makes {@code -t 8} "twice as many threads as connections". */
    @Param("4")
    public int poolSize;

    /**
     * The admission policy of the pool ({@code codel}, {@code threshold}, {@code none}), each with its
     * default parameters, applied by {@link #acquireWithBackpressure} and {@link #dataSource}; the other
     * methods ignore it. {@code codel} is the default.
     */
    @Param("codel")
    public String policy;

    private AdmissionSettings admission;
    private BenchTarget.Work work;
    private DataSource dataSource;
    PrometheusMeterRegistry registry;
    HikariDataSource baseline;
    HikariDataSource micrometer;
    DbPool pool;

    @Setup(Level.Trial)
    public void open() {
        admission = Admission.named(policy)
                .orElseThrow(() -> new IllegalArgumentException("-p policy must be one of " + String.join(", ", Admission.names()) + ", got '" + policy + "'"));
        BenchTarget bench = BenchTarget.open(target, poolSize);
        work = bench.work();
        // The registry production uses, one for both pools that record, as in a service: what it
        // costs to record into is part of what acquireWithMetrics and hikariMicrometer cost.
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        pool = bench.openDbPool(registry, admission);
        try {
            baseline = bench.openBaseline(pool);
            micrometer = bench.openHikariMicrometer(pool, registry);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        dataSource = pool.dataSource();
        Pools.awaitFull(() -> baseline.getHikariPoolMXBean().getTotalConnections(), poolSize);
        Pools.awaitFull(() -> micrometer.getHikariPoolMXBean().getTotalConnections(), poolSize);
        Pools.awaitFull(pool::totalConnections, poolSize);
    }

    @TearDown(Level.Trial)
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (baseline != null) {
            baseline.close();
        }
        if (micrometer != null) {
            micrometer.close();
        }
    }

    /** Bare HikariCP {@code getConnection()}, use, {@code close()}: what every figure is compared with. */
    @Benchmark
    public Connection hikariBaseline(CpuTime cpu) throws SQLException {
        cpu.calls++;
        Connection connection = baseline.getConnection();
        work.use(connection);
        connection.close();
        return connection;
    }

    /**
     * HikariCP with {@code MicrometerMetricsTrackerFactory} on the same {@code PrometheusMeterRegistry}:
     * {@code getConnection()}, use, {@code close()}. The reference a team compares dbpool with.
     */
    @Benchmark
    public Connection hikariMicrometer(CpuTime cpu) throws SQLException {
        cpu.calls++;
        Connection connection = micrometer.getConnection();
        work.use(connection);
        connection.close();
        return connection;
    }

    /** {@link DbPool#acquireWithMetrics()}, use, {@code close()}: in-flight counting and the latency histogram. */
    @Benchmark
    public Connection acquireWithMetrics(CpuTime cpu) throws SQLException {
        cpu.calls++;
        Connection connection = pool.acquireWithMetrics();
        work.use(connection);
        connection.close();
        return connection;
    }

    /**
     * {@link DbPool#acquire()} (the pool's own policy, which is what the original design's
     * {@code acquireWithBackpressure} applies given the pool's settings), use, {@code close()}: the
     * decision, then what {@code acquireWithMetrics} does; a rejection is a completed call too (that is the point of
     * failing fast), counted apart in {@link Outcomes}.
     */
    @Benchmark
    public Connection acquireWithBackpressure(Outcomes outcomes, CpuTime cpu) throws SQLException {
        cpu.calls++;
        Connection connection;
        try {
            connection = pool.acquire();
        } catch (PoolExhaustedException rejected) {
            outcomes.rejected++;
            return null;
        }
        return usedAndReturned(connection, outcomes);
    }

    /**
     * {@link DbPool#dataSource()}{@code .getConnection()}, use, {@code close()}: what {@code JdbcTemplate},
     * JPA or jOOQ call, on a pool built with {@code admission(policy)}; the same admission as
     * {@code acquireWithBackpressure} behind the {@code DataSource} interface.
     */
    @Benchmark
    public Connection dataSource(Outcomes outcomes, CpuTime cpu) throws SQLException {
        cpu.calls++;
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (PoolExhaustedException rejected) {
            outcomes.rejected++;
            return null;
        }
        return usedAndReturned(connection, outcomes);
    }

    /** What an admitted call does with its connection: use it, give it back, count it. */
    private Connection usedAndReturned(Connection connection, Outcomes outcomes) throws SQLException {
        work.use(connection);
        connection.close();
        outcomes.acquired++;
        return connection;
    }

    /** How the backpressure calls ended, per iteration (JMH sums them over threads). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcomes {
        public long acquired;
        public long rejected;

        @Setup(Level.Iteration)
        public void reset() {
            acquired = 0;
            rejected = 0;
        }
    }

    /**
     * The CPU time each benchmark thread spent in an iteration, and its calls: on a machine shared
     * with other work, wall time per call grows with the other work's share of the cores while CPU
     * time per call ({@code cpuNanos / calls}, which {@link JmhSummary} reports) mostly does not.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long calls;
        public long cpuNanos;
        private long start;

        @Setup(Level.Iteration)
        public void start() {
            calls = 0;
            cpuNanos = 0;
            start = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void stop() {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - start;
        }
    }
}
