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
 *
 * <p>Transport: the run's pool reads without pgjdbc's {@code socketTimeout}, as pgbench does, over
 * {@link BlockingSocketFactory}'s sockets, so that a read is one blocking system call (see
 * {@link #poolConfig}); everything else is the runtime's defaults. Since no read times out, a client
 * still stuck in one {@link #STUCK_CLIENT_GRACE} after the end (a server or network gone silent) is
 * not waited for: the pool is closed, which aborts its connections, and the run reports the failures.
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
     * How long after the end of the measured window a client may still be inside a transaction before
     * the run stops waiting for it and closes the pool under it: the runtime's default socket timeout,
     * the bound a read had before the closed loop turned that timeout off.
     */
    public static final Duration STUCK_CLIENT_GRACE = DbConfig.DEFAULT_SOCKET_TIMEOUT;

    /** The pgjdbc URL parameter that {@link #poolConfig} adds. */
    static final String SOCKET_FACTORY_PARAMETER = "socketFactory=" + BlockingSocketFactory.class.getName();

    /**
     * The pool of a run: {@code connections} connections, all opened before it starts (min = max), with
     * the runtime's defaults otherwise, but for the transport, which is pgbench's: no socket timeout
     * (the runtime's default, {@link DbConfig#DEFAULT_SOCKET_TIMEOUT}, is for services, whose requests
     * must not hang on a dead network) and {@link BlockingSocketFactory}'s sockets (pgjdbc's
     * {@code socketFactory} URL parameter). On the JDK's default socket every read with a timeout, or
     * after one, is non-blocking: a failed read, a poll and a read again when the answer has not yet
     * come, which is most of the time; here it is one blocking read: 2.07 system calls a transaction
     * (send, receive) instead of 2.5 to 3.8, and about 1 µs (7%) less client CPU per transaction at 8
     * connections (bench/loadgen-vs-pgbench.sh on a busy 2-core machine). Built directly rather than
     * from a preset, which this is not.
     */
    public static DbConfig poolConfig(String databaseUrl, int connections) {
        String url = databaseUrl == null ? null : databaseUrl.strip();
        if (url != null && !url.isEmpty()) {
            url = url + (url.contains("?") ? "&" : "?") + SOCKET_FACTORY_PARAMETER;
        }
        return new DbConfig(SERVICE, url, connections, connections, DbConfig.DEFAULT_CONNECT_TIMEOUT,
                DbConfig.DEFAULT_ACQUIRE_TIMEOUT, DbConfig.DEFAULT_IDLE_TIMEOUT, DbConfig.DEFAULT_MAX_LIFETIME, true)
                .withSocketTimeout(Duration.ZERO);
    }

    /**
     * Runs {@code workload} with one client per connection of {@code config}'s pool, through
     * {@link DbPool#acquireWithMetrics()} (recording into {@code registry}, as a service's pool does).
     */
    public static Result run(DbConfig config, MeterRegistry registry, ClosedLoopWorkload workload,
                             Duration warmup, Duration duration) throws InterruptedException {
        return run(config, registry, workload, warmup, duration, STUCK_CLIENT_GRACE);
    }

    static Result run(DbConfig config, MeterRegistry registry, ClosedLoopWorkload workload,
                      Duration warmup, Duration duration, Duration stuckClientGrace) throws InterruptedException {
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
            long giveUpAt = end + stuckClientGrace.toNanos();
            for (ClientLoop loop : loops) {
                long wait = giveUpAt - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(loop.thread, wait);
                }
            }
            long cpu = processCpuNanos() - cpuFrom;
            if (loops.stream().anyMatch(loop -> loop.thread.isAlive())) {
                // Stuck in a read that nothing else would end: closing the pool aborts its connections.
                pool.close();
                for (ClientLoop loop : loops) {
                    loop.thread.join();
                }
            }

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
