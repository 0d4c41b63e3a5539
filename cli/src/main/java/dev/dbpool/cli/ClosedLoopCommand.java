package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.closedloop.ClosedLoopRun;
import dev.dbpool.loadgen.closedloop.ClosedLoopWorkload;
import dev.dbpool.loadgen.closedloop.PgbenchSelectOnly;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.DatabaseUrl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code dbpool closed-loop}: the load generator in pgbench's model, for throughput benchmarks
 * ({@code bench/loadgen-vs-pgbench.sh}). Hidden from the command list: a measuring tool, not one of
 * the jobs the command is for.
 */
@Command(name = "closed-loop",
        hidden = true,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Runs the load generator closed-loop, as pgbench does: one client per connection of a dbpool "
                        + "pool, each borrowing a connection, running one transaction and returning it, back to "
                        + "back. Prints key=value lines, the last one tps=N.",
                "",
                "--workload pgbench-select runs pgbench's select-only transaction (pgbench -S) on the tables "
                        + "'pgbench -i' made in the --database-url database; --workload soak runs the soak's "
                        + "transaction in a schema of its own (dropped afterwards), on an embedded PostgreSQL "
                        + "without --database-url."},
        footer = {"", "Exit codes: 0 ok, 2 invalid usage or no pgbench tables, 3 database unreachable, "
                + "4 run invalid (a transaction failed, or none ran)."})
public final class ClosedLoopCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "The PostgreSQL to load (postgres://... or jdbc:postgresql://...); required for pgbench-select.")
    String databaseUrl;

    @Option(names = "--workload", paramLabel = "NAME", defaultValue = "soak",
            description = "pgbench-select or soak (default: ${DEFAULT-VALUE}).")
    String workload;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "8",
            description = "Pool size and client threads, like pgbench -c (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s",
            description = "Measured time, like pgbench -T (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s",
            description = "Unmeasured load first, so that the JIT has compiled the loop (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SoakScenario.DEFAULT_SEED,
            description = "Seed of the rows the clients pick (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hold", paramLabel = "DURATION",
            description = "soak workload: server-side hold per transaction (default: 0ms).")
    String hold;

    @Option(names = "--write-percent", paramLabel = "N",
            description = "soak workload: share of transactions that update their row (default: "
                    + Workload.DEFAULT_WRITE_PERCENT + ").")
    Integer writePercent;

    @Option(names = "--rows", paramLabel = "N",
            description = "soak workload: rows in its table (default: " + Workload.DEFAULT_ROWS + ").")
    Integer rows;

    @Override
    public Integer call() throws Exception {
        boolean pgbench = switch (workload.strip().toLowerCase(Locale.ROOT)) {
            case "pgbench-select" -> true;
            case "soak" -> false;
            default -> throw CliException.usage("--workload must be pgbench-select or soak, got '" + workload + "'");
        };
        if (connections < 1) {
            throw CliException.usage("--connections must be a positive integer, got '" + connections + "'");
        }
        Duration measured = DurationText.parse("--duration", duration);
        if (measured.isZero()) {
            throw CliException.usage("--duration must be positive, got '" + duration + "'");
        }
        Duration warm = DurationText.parse("--warmup", warmup);
        if (pgbench && databaseUrl == null) {
            throw CliException.usage("--workload pgbench-select needs --database-url: the database where "
                    + "'pgbench -i' created its tables");
        }
        if (pgbench && (hold != null || writePercent != null || rows != null)) {
            throw CliException.usage("--hold, --write-percent and --rows shape the soak workload; "
                    + "pgbench-select runs pgbench's own statement");
        }
        Workload soakWorkload = pgbench ? null : new Workload(rows == null ? Workload.DEFAULT_ROWS : rows,
                writePercent == null ? Workload.DEFAULT_WRITE_PERCENT : writePercent,
                hold == null ? Duration.ZERO : DurationText.parse("--hold", hold));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClosedLoopRun.Result result;
        ClosedLoopWorkload work;
        String description;
        try (SoakDatabase database = databaseUrl == null ? SoakDatabase.embedded()
                : SoakDatabase.external(databaseUrl, null)) {
            description = database.description();
            if (pgbench) {
                try (Connection c = database.adminConnection()) {
                    work = PgbenchSelectOnly.read(c, seed);
                }
            } else {
                database.setUp(soakWorkload);
                work = ClosedLoopWorkload.soak(database.schema(), soakWorkload, seed, connections);
            }
            err.printf(Locale.ROOT, "dbpool: closed loop on %s: %d connections, %s warm-up, %s measured%n",
                    description, connections, DurationText.format(warm), DurationText.format(measured));
            err.flush();
            result = ClosedLoopRun.run(ClosedLoopRun.poolConfig(database.databaseUrl(), connections),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), work, warm, measured);
        } catch (SoakDatabaseException e) {
            throw CliException.unreachable(e.getMessage(), e);
        } catch (SQLException e) {
            throw CliException.unreachable("cannot read the pgbench tables: " + e.getMessage(), e);
        }

        out.println("database=" + description);
        out.println("workload=" + work.description());
        work.sql().forEach(sql -> out.println("sql=" + sql));
        // ClosedLoopRun.poolConfig: pgbench's transport, not a service's (which keeps the 30 s socket timeout).
        out.println("transport=TCP, no socket timeout (as pgbench), blocking reads (BlockingSocketFactory)");
        out.printf(Locale.ROOT, "connections=%d%nwarmup_s=%s%nduration_s=%s%ntransactions=%d%nerrors=%d%n"
                        + "latency_avg_ms=%.3f%nlatency_p50_ms=%.3f%nlatency_p99_ms=%.3f%n"
                        + "client_cpu_us_per_tx=%.2f%ntps=%.1f%n",
                result.connections(), seconds(result.warmup()), seconds(result.duration()), result.transactions(),
                result.errorCount(), result.meanLatencyMillis(), result.latency().p50(), result.latency().p99(),
                result.clientCpuMicrosPerTransaction(), result.transactionsPerSecond());
        out.flush();
        if (result.errorCount() > 0 || result.transactions() == 0) {
            err.println("dbpool: run invalid: " + (result.errorCount() > 0
                    ? result.errorCount() + " transactions failed (by SQLState class " + result.errors()
                    + "), the first with: " + DatabaseUrl.mask(result.firstError())
                    : "no transaction completed in the measured time"));
            return ExitCodes.INVALID_RUN;
        }
        return ExitCodes.OK;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds())
                : String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }
}
