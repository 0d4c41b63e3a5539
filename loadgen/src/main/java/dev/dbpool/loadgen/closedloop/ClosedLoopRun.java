package dev.dbpool.loadgen.closedloop;

import dev.dbpool.loadgen.engine.ErrorCounts;
import dev.dbpool.loadgen.engine.PoolFill;
import dev.dbpool.loadgen.model.LatencySummary;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The closed model, for throughput benchmarks (pgbench's): one client thread per connection, each
 * borrowing a connection from a {@link DbPool}, running one transaction of the workload and giving
 * the connection back, back to back, for the warm-up and then for the measured duration. No schedule,
 * no faults: how many transactions per second the generator and the pool can push through a server.
 *
 * <p>Each client keeps its own latency histogram and counts (merged at the end), so the threads share
 * nothing on the way but the pool itself. A transaction counts when it starts inside the measured
 * window. The process's CPU time over that window, per transaction, says what the client side costs
 * (the server's share of a shared machine is the rest).
 */
public final class ClosedLoopRun {

    /** The pool's service name, and so the sessions' {@code application_name} on the server. */
    public static final String SERVICE = "dbpool-closed-loop";

    /**
     * What one run did.
     *
     * @param errors                 failed transactions by SQLState class, the warm-up included
     * @param firstError             the message of the first failure, or null
     * @param clientCpuMicrosPerTransaction CPU time of this process per measured transaction, or NaN
     *                               when the JVM cannot tell
     */
    public record Result(int connections, Duration warmup, Duration duration, long transactions,
                         Map<String, Long> errors, String firstError, LatencySummary latency,
                         double meanLatencyMillis, double clientCpuMicrosPerTransaction) {

        public double transactionsPerSecond() {
            return transactions / (duration.toNanos() / 1e9);
        }

        public long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private ClosedLoopRun() {
    }

    /**
     * The pool of a run: {@code connections} connections, all opened before it starts (min = max), with
     * the runtime's defaults otherwise. Built directly rather than from a preset, which this is not.
     */
    public static DbConfig poolConfig(String databaseUrl, int connections) {
        return new DbConfig(SERVICE, databaseUrl, connections, connections, DbConfig.DEFAULT_CONNECT_TIMEOUT,
                DbConfig.DEFAULT_ACQUIRE_TIMEOUT, DbConfig.DEFAULT_IDLE_TIMEOUT, DbConfig.DEFAULT_MAX_LIFETIME, true);
    }

    /**
     * Runs {@code workload} with one client per connection of {@code config}'s pool, through
     * {@link DbPool#acquireWithMetrics()} (recording into {@code registry}, as a service's pool does).
     */
    public static Result run(DbConfig config, MeterRegistry registry, ClosedLoopWorkload workload,
                             Duration warmup, Duration duration) throws InterruptedException {
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        int clients = config.maxConnections();
        ErrorCounts errors = new ErrorCounts();
        try (DbPool pool = DbPool.builder(config).meterRegistry(registry).build()) {
            PoolFill.openEveryConnection(pool, clients);
            long measureFrom = System.nanoTime() + warmup.toNanos();
            long end = measureFrom + duration.toNanos();
            List<ClientLoop> loops = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                ClientLoop loop = new ClientLoop(pool, workload.client(i), errors, measureFrom, end);
                loops.add(loop);
                loop.thread = new Thread(loop, SERVICE + "-" + i);
                loop.thread.start();
            }
            long sleep = measureFrom - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
            long cpuFrom = processCpuNanos();
            for (ClientLoop loop : loops) {
                loop.thread.join();
            }
            long cpu = processCpuNanos() - cpuFrom;

            Histogram latency = new Histogram(3);
            String firstError = null;
            for (ClientLoop loop : loops) {
                latency.add(loop.latencyMicros);
                firstError = firstError == null ? loop.firstError : firstError;
            }
            long transactions = latency.getTotalCount();
            double cpuPerTransaction = cpuFrom < 0 || transactions == 0 ? Double.NaN : cpu / 1e3 / transactions;
            return new Result(clients, warmup, duration, transactions, errors.snapshot(), firstError,
                    LatencySummary.of(latency), latency.getMean() / 1000.0, cpuPerTransaction);
        }
    }

    /** One client: borrow, run a transaction, return, until the end. Writes only its own fields. */
    private static final class ClientLoop implements Runnable {

        private final DbPool pool;
        private final ClosedLoopWorkload.Client client;
        private final ErrorCounts errors;
        private final long measureFrom;
        private final long end;
        private final Histogram latencyMicros = new Histogram(3);
        private String firstError;
        private Thread thread;

        ClientLoop(DbPool pool, ClosedLoopWorkload.Client client, ErrorCounts errors, long measureFrom, long end) {
            this.pool = pool;
            this.client = client;
            this.errors = errors;
            this.measureFrom = measureFrom;
            this.end = end;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            while (now < end) {
                long began = now;
                boolean ok = false;
                try (Connection connection = pool.acquireWithMetrics()) {
                    client.execute(connection);
                    ok = true;
                } catch (SQLException | RuntimeException e) {
                    errors.record(e);
                    if (firstError == null) {
                        firstError = String.valueOf(e.getMessage());
                    }
                }
                now = System.nanoTime();
                if (ok && began >= measureFrom) {
                    latencyMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(now - began));
                }
            }
        }
    }

    /** CPU time of the whole process (every thread), or -1 when the JVM does not tell. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }
}
