package dev.dbpool.loadgen;

import dev.dbpool.loadgen.engine.WorkloadStatements;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Recorder;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The closed model, for throughput benchmarks (pgbench's): {@code connections} clients, each running the
 * soak's workload back to back through a pool of that size for {@code duration}. No schedule, no
 * faults: how many transactions per second the generator and the pool can push, to compare with
 * {@code pgbench -c N -T S -f script} running the same statements ({@link #statements}).
 *
 * <pre>{@code
 * java -cp cli/target/dbpool.jar dev.dbpool.loadgen.ClosedLoopRun \
 *     --database-url postgres://postgres@127.0.0.1:5432/test --connections 8 --duration 10s --hold 0ms
 * }</pre>
 * prints the statements it ran and, last, {@code tps=1234.5}.
 */
public final class ClosedLoopRun {

    /** What one run did. */
    public record Result(int connections, Duration duration, long transactions, long errors, LatencySummary latency) {
        public double transactionsPerSecond() {
            return transactions / (duration.toNanos() / 1e9);
        }
    }

    private ClosedLoopRun() {
    }

    /** Runs the workload in a schema of its own on {@code database} (set up here, dropped with the database). */
    public static Result run(SoakDatabase database, int connections, Duration duration, Workload workload)
            throws InterruptedException {
        database.setUp(workload);
        DbConfig config = DbConfig.forService("dbpool-closed-loop").withDatabaseUrl(database.databaseUrl())
                .withPoolSize(connections, connections);
        WorkloadStatements statements = new WorkloadStatements(database.schema(), workload, 1);
        Recorder latency = new Recorder(3);
        LongAdder errors = new LongAdder();
        AtomicInteger next = new AtomicInteger();
        try (DbPool pool = DbPool.create(config, new SimpleMeterRegistry())) {
            long end = System.nanoTime() + duration.toNanos();
            List<Thread> clients = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < connections; c++) {
                Thread client = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        try (Connection connection = pool.acquireWithMetrics()) {
                            statements.execute(connection, next.getAndIncrement());
                            latency.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t));
                        } catch (SQLException e) {
                            errors.increment();
                        }
                    }
                }, "closed-loop-" + c);
                clients.add(client);
                client.start();
            }
            for (Thread client : clients) {
                client.join();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            var histogram = latency.getIntervalHistogram();
            return new Result(connections, elapsed, histogram.getTotalCount(), errors.sum(), LatencySummary.of(histogram));
        }
    }

    /** The SQL of one transaction, {@code ?} for the row id (and the hold, in seconds), for a pgbench script of the same work. */
    public static List<String> statements(String schema, Workload workload) {
        return new WorkloadStatements(schema, workload, 1).sql();
    }

    public static void main(String[] args) throws Exception {
        String url = null;
        int connections = 8;
        Duration duration = Duration.ofSeconds(10);
        Workload workload = Workload.ofDefaults().withHold(Duration.ZERO);
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--database-url" -> url = value;
                case "--connections" -> connections = Integer.parseInt(value);
                case "--duration" -> duration = DurationText.parse("--duration", value);
                case "--hold" -> workload = workload.withHold(DurationText.parse("--hold", value));
                case "--write-percent" -> workload = workload.withWritePercent(Integer.parseInt(value));
                case "--rows" -> workload = workload.withRows(Integer.parseInt(value));
                default -> {
                    System.err.println("usage: ClosedLoopRun [--database-url URL] [--connections N] [--duration 10s] "
                            + "[--hold 0ms] [--write-percent 100] [--rows 100000]");
                    System.exit(2);
                }
            }
            i++;
        }
        try (SoakDatabase database = url == null ? SoakDatabase.embedded() : SoakDatabase.external(url, null)) {
            Result r = run(database, connections, duration, workload);
            System.out.println("database=" + database.description());
            statements(database.schema(), workload).forEach(s -> System.out.println("sql=" + s));
            System.out.printf(Locale.ROOT, "connections=%d%ntransactions=%d%nerrors=%d%nlatency_p50_ms=%.3f%n"
                            + "latency_p99_ms=%.3f%ntps=%.1f%n", r.connections(), r.transactions(), r.errors(),
                    r.latency().p50(), r.latency().p99(), r.transactionsPerSecond());
        }
    }
}
