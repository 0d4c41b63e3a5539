package dev.dbpool.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Many virtual threads on one pool, the shape of a Spring Boot service with
 * {@code spring.threads.virtual.enabled=true}: {@value #VIRTUAL_THREADS} virtual threads share a pool
 * of 16 connections, each taking a connection, holding it and giving it back {@value #CALLS_PER_THREAD}
 * times. One JMH operation is one such call, so the score is wall time per call over the whole crowd;
 * {@link Usage} adds how many calls got a connection, how many were rejected by admission, and the
 * process CPU time they took.
 *
 * <p>The rows: bare HikariCP ({@code hikariBaseline}), HikariCP with Micrometer's tracker as Spring
 * Boot installs it ({@code hikariMicrometer}), and {@code DbPool.acquire()} under the policy named by
 * {@code -p policy} ({@code acquireWithBackpressure}: codel, threshold or none). Only the pool a row
 * uses is opened.
 *
 * <p>The hold: on PostgreSQL one {@code SELECT 1} round trip; on the stub the virtual thread parks for
 * {@code holdMicros}, as it would waiting on a socket, so that it unmounts and the others take their
 * turn. Without a blocking hold two carrier threads would never have more than two connections out,
 * and a thousand threads would not contend at all. A call that admission refuses is followed by a
 * pause of {@code holdMicros} before the thread's next call, as a refused client goes away.
 *
 * <p>Needs Java 21 or later at run time (the build stays on Java 17, so virtual threads are made
 * through reflection): {@code bench/virtual-threads.sh} finds such a JDK and runs every row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(VirtualThreadBenchmark.CALLS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class VirtualThreadBenchmark {

    static final int VIRTUAL_THREADS = 1_000;
    static final int CALLS_PER_THREAD = 20;
    static final int CALLS = VIRTUAL_THREADS * CALLS_PER_THREAD;
    static final int POOL_SIZE = 16;

    @Param({BenchTarget.STUB, BenchTarget.POSTGRES})
    public String target;

    /** The admission policy of {@code acquireWithBackpressure}; the other rows ignore it. */
    @Param("codel")
    public String policy;

    /**
     * How long the stub's connection is held, parked (PostgreSQL holds it for one {@code SELECT 1}),
     * and on both targets how long a refused thread pauses before its next call.
     */
    @Param("50")
    public int holdMicros;

    private ThreadFactory virtualThreads;
    private long backoffNanos;
    private BenchTarget.Work work;
    private Acquire acquire;
    HikariDataSource hikari;
    DbPool pool;

    /** One way of getting a connection: null when admission rejected the call. */
    @FunctionalInterface
    interface Acquire {
        Connection get() throws SQLException;
    }

    @Setup(Level.Trial)
    public void open(BenchmarkParams params) throws SQLException {
        String benchmark = params.getBenchmark();
        open(benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Opens the one pool that {@code method} measures, and waits until all its connections are open. */
    void open(String method) throws SQLException {
        virtualThreads = VirtualThreads.factory();
        AdmissionSettings admission = Admission.named(policy).orElseThrow(() -> new IllegalArgumentException(
                "-p policy must be one of " + String.join(", ", Admission.names()) + ", got '" + policy + "'"));
        BenchTarget bench = BenchTarget.open(target, POOL_SIZE);
        long holdNanos = TimeUnit.MICROSECONDS.toNanos(holdMicros);
        backoffNanos = holdNanos;
        work = target.equals(BenchTarget.STUB) ? connection -> LockSupport.parkNanos(holdNanos) : bench.work();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Every row is built from the dbpool pool's settings (one mapping); the HikariCP rows then close it.
        pool = bench.openDbPool(registry, admission);
        switch (method) {
            case "hikariBaseline" -> hikari = bench.openBaseline(pool);
            case "hikariMicrometer" -> hikari = bench.openHikariMicrometer(pool, registry);
            case "acquireWithBackpressure" -> { }
            default -> throw new IllegalArgumentException("no such row: " + method);
        }
        if (hikari != null) {
            pool.close();
            pool = null;
            DataSource dataSource = hikari;
            acquire = dataSource::getConnection;
            Pools.awaitFull(() -> hikari.getHikariPoolMXBean().getTotalConnections(), POOL_SIZE);
        } else {
            DbPool dbPool = pool;
            acquire = () -> {
                try {
                    return dbPool.acquire();
                } catch (PoolExhaustedException rejected) {
                    return null;
                }
            };
            Pools.awaitFull(dbPool::totalConnections, POOL_SIZE);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        if (pool != null) {
            pool.close();
        }
        if (hikari != null) {
            hikari.close();
        }
    }

    @Benchmark
    public void hikariBaseline(Usage usage) throws InterruptedException {
        crowd(usage);
    }

    @Benchmark
    public void hikariMicrometer(Usage usage) throws InterruptedException {
        crowd(usage);
    }

    @Benchmark
    public void acquireWithBackpressure(Usage usage) throws InterruptedException {
        crowd(usage);
    }

    /**
     * {@value #VIRTUAL_THREADS} virtual threads at once, {@value #CALLS_PER_THREAD} calls each; returns
     * when the last one is done. The first failure (a timeout waiting for a connection) fails the run.
     */
    void crowd(Usage usage) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(VIRTUAL_THREADS);
        AtomicLong acquired = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long cpuBefore = processCpuNanos();
        for (int i = 0; i < VIRTUAL_THREADS; i++) {
            virtualThreads.newThread(() -> {
                try {
                    for (int call = 0; call < CALLS_PER_THREAD; call++) {
                        Connection connection = acquire.get();
                        if (connection == null) {
                            rejected.incrementAndGet();
                            // A refused client goes away and another comes later; asking again at once
                            // would turn refusals into a busy loop on the carrier threads.
                            LockSupport.parkNanos(backoffNanos);
                            continue;
                        }
                        work.use(connection);
                        connection.close();
                        acquired.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }).start();
        }
        done.await();
        usage.cpuNanos += processCpuNanos() - cpuBefore;
        usage.acquired += acquired.get();
        usage.rejected += rejected.get();
        if (failure.get() != null) {
            throw new IllegalStateException("a virtual thread failed: " + failure.get(), failure.get());
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Per iteration: calls that got a connection, calls rejected by admission, process CPU time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Usage {
        public long acquired;
        public long rejected;
        public long cpuNanos;

        @Setup(Level.Iteration)
        public void reset() {
            acquired = 0;
            rejected = 0;
            cpuNanos = 0;
        }
    }
}
