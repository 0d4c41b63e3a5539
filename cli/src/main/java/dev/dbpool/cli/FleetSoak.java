package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ConnectionBudgetFlags;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.cli.common.OutputFormat;
import dev.dbpool.loadgen.FleetSoakRunner;
import dev.dbpool.loadgen.HtmlReport;
import dev.dbpool.loadgen.MetricsEndpoint;
import dev.dbpool.loadgen.ReportJson;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.TextSummary;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.fleet.FleetResult;
import dev.dbpool.loadgen.fleet.FleetScenario;
import dev.dbpool.loadgen.fleet.FleetService;
import dev.dbpool.loadgen.fleet.PgBouncer;
import dev.dbpool.loadgen.fleet.PoolerSettings;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PgBouncerConfig;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.PoolerResult;
import dev.dbpool.plan.ServerLimits;
import dev.dbpool.plan.ServiceAllocation;
import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.Traffic;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code dbpool soak --fleet FILE|--presets [--fit] [--pgbouncer]}: the fleet as the plan reads it (one
 * reader: {@link FleetPlan}), every service's pools × replicas against one server, directly or through
 * a real PgBouncer, under a stall that drives every pool to its max.
 */
final class FleetSoak {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Single-service soak options a fleet soak does not take. */
    private static final List<String> NOT_FOR_FLEET = List.of("--service", "--mode", "--threshold", "--fail-on",
            "--rate", "--arrival");

    private final SoakCommand command;
    private final FleetSoakOptions fleet;
    private final Map<String, String> env;

    FleetSoak(SoakCommand command, FleetSoakOptions fleet, Map<String, String> env) {
        this.command = command;
        this.fleet = fleet;
        this.env = env;
    }

    int call() throws InterruptedException {
        OutputFormat output = command.format.require(OutputFormat.text, OutputFormat.json);
        CommandLine.ParseResult parsed = command.spec.commandLine().getParseResult();
        for (String option : NOT_FOR_FLEET) {
            if (parsed.hasMatchedOption(option)) {
                throw CliException.usage(option + " is for the single-service soak; a fleet soak (--fleet, --presets) "
                        + "runs every service of the fleet" + (option.equals("--rate")
                        ? " at its peak_qps x --load" : ""));
            }
        }
        if (fleet.presets && fleet.files != null && !fleet.files.isEmpty()) {
            throw CliException.usage("give either --fleet FILE or --presets, not both");
        }
        if (!(fleet.load > 0) || Double.isInfinite(fleet.load)) {
            throw CliException.usage("--load must be a positive factor, got " + fleet.load);
        }
        ConnectionBudgetFlags.check(fleet.maxConnections, fleet.reservedConnections);
        if (command.pgCtl != null && command.databaseUrl == null) {
            throw CliException.usage("--pg-ctl controls the server at --database-url; the embedded database "
                    + "restarts without it");
        }
        if (command.metricsPort != null && (command.metricsPort < 0 || command.metricsPort > 65535)) {
            throw CliException.usage("--metrics-port must be from 0 to 65535, got '" + command.metricsPort + "'");
        }
        Duration duration = parsed.hasMatchedOption("--duration") ? DurationText.parse("--duration", command.duration)
                : FleetScenario.DEFAULT_DURATION;
        Duration warmup = parsed.hasMatchedOption("--warmup") ? DurationText.parse("--warmup", command.warmup)
                : FleetScenario.DEFAULT_WARMUP;
        Duration hold = parsed.hasMatchedOption("--hold") ? DurationText.parse("--hold", command.hold)
                : FleetScenario.DEFAULT_HOLD;
        Duration deadline = DurationText.parse("--deadline", command.deadline);
        Duration acquireTimeout = command.acquireTimeout == null ? DbConfig.DEFAULT_ACQUIRE_TIMEOUT
                : DurationText.parse("--acquire-timeout", command.acquireTimeout);
        List<Fault> faults = Fault.parseAll(command.faults, FleetScenario.DEFAULT_FAULTS);
        int threads = parsed.hasMatchedOption("--threads") ? command.threads : 0;
        if (threads < 0 || parsed.hasMatchedOption("--threads") && threads < 1) {
            throw CliException.usage("--threads must be at least 1, got " + command.threads);
        }
        if (command.reportDir != null) {
            SoakCommand.prepareReportDir(command.reportDir);
        }

        // The fleet first, with the plan's own reader: bad input is exit 2 with its messages, before anything starts.
        FleetPlan plan = fleet.presets ? FleetPlan.presets() : FleetPlan.load(fleet.files);
        if (!plan.singleDatabase()) {
            throw CliException.usage(plan.source() + " has " + plan.databases().size() + " databases; a fleet soak "
                    + "runs one server: give a services file with one database (or manifests)");
        }
        Path pgbouncer = null;
        if (fleet.pgbouncer) {
            String fromEnv = env.get(FleetSoakOptions.PGBOUNCER_ENV);
            Path explicit = fleet.pgbouncerBinary != null ? fleet.pgbouncerBinary
                    : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv.strip()) : null;
            pgbouncer = PgBouncer.locate(explicit, env.get("PATH"));
            if (!PgBouncer.isExecutable(pgbouncer)) {
                throw CliException.usage("--pgbouncer: no PgBouncer at " + pgbouncer + "; install it ("
                        + PgBouncer.INSTALL_HINT + " on Debian and Ubuntu) or give its path with --pgbouncer-bin PATH "
                        + "(or " + FleetSoakOptions.PGBOUNCER_ENV + ")");
            }
        }
        PlanOptions options = PlanOptions.defaults().withFit(fleet.fit)
                .withFallbackBudget(ConnectionBudgetFlags.optional(fleet.maxConnections),
                        ConnectionBudgetFlags.optional(fleet.reservedConnections));
        if (command.databaseUrl != null) {
            DatabaseUrl.parse("--database-url", command.databaseUrl);
            options = options.withServer(ServerLimits.read(command.databaseUrl, CONNECT_TIMEOUT));
        }
        PlanResult result = plan.evaluate(options);
        DatabaseResult database = result.database();
        List<FleetService> services = services(database, hold);
        long allocated = services.stream().mapToLong(FleetService::allocated).sum();
        Optional<PoolerSettings> pooler = fleet.pgbouncer
                ? Optional.of(pooler(plan, options, database, services, allocated)) : Optional.empty();
        FleetScenario scenario;
        try {
            scenario = new FleetScenario(plan.source(), services, database.budget().maxConnections(),
                    database.budget().reservedConnections(), fleet.fit, pooler, duration, warmup, faults, command.seed,
                    command.rows, command.writePercent, acquireTimeout, deadline, threads);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage(), e);
        }
        if (scenario.faults().stream().anyMatch(f -> f.kind() == dev.dbpool.loadgen.model.FaultKind.RESTART)
                && command.databaseUrl != null && command.pgCtl == null) {
            throw CliException.usage("--fault restart needs the embedded database (no --database-url) or --pg-ctl");
        }

        PrintWriter out = command.spec.commandLine().getOut();
        PrintWriter err = command.spec.commandLine().getErr();
        SoakProgress progress = new SoakProgress(err, System.console() != null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FleetResult report;
        try (MetricsEndpoint metrics = command.metricsPort == null ? null : SoakCommand.startMetrics(registry,
                command.metricsPort, err);
             SoakDatabase db = open(scenario, progress)) {
            report = FleetSoakRunner.run(scenario, db, pgbouncer, registry, progress);
        } catch (SoakDatabaseException e) {
            throw CliException.unreachable(e.getMessage(), e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw CliException.usage(e.getMessage(), e);
        }
        out.print(output == OutputFormat.json ? ReportJson.write(report) : TextSummary.write(report));
        out.flush();
        if (command.reportDir != null) {
            ReportFiles.write(command.reportDir, ReportJson.write(report), HtmlReport.write(report), err);
        }
        if (!report.valid()) {
            err.println("dbpool: run invalid: " + report.generatorProblem());
            return ExitCodes.INVALID_RUN;
        }
        return ExitCodes.OK;
    }

    private SoakDatabase open(FleetScenario scenario, SoakProgress progress) {
        if (command.databaseUrl == null) {
            progress.step("starting an embedded PostgreSQL 17 with max_connections " + scenario.maxConnections()
                    + " (superuser_reserved_connections " + scenario.superuserReserved() + ")");
            return SoakDatabase.embedded(FleetSoakRunner.serverConfig(scenario));
        }
        SoakDatabase database = SoakDatabase.external(command.databaseUrl, command.pgCtl);
        progress.step("fleet soak on " + database.description() + " in schema " + database.schema());
        return database;
    }

    /** Each service as the plan has it; the rate from its peak_qps, else from its (unfitted) pool, so every variant gets the same load. */
    private List<FleetService> services(DatabaseResult database, Duration defaultHold) {
        List<FleetService> out = new ArrayList<>();
        for (ServiceAllocation a : database.services()) {
            ServicePlan s = a.service();
            int max = fleet.fit ? a.fittedMaxConnections().orElse(a.maxConnections()) : a.maxConnections();
            Optional<Traffic> traffic = s.traffic();
            double rate;
            String source;
            Duration hold;
            if (traffic.isPresent()) {
                rate = traffic.get().peakQps().doubleValue() * fleet.load;
                source = "peak_qps " + traffic.get().peakQps().toPlainString() + " x " + fleet.load;
                hold = Duration.ofNanos(Math.round(traffic.get().holdMs().doubleValue() * 1_000_000));
            } else {
                hold = defaultHold;
                double perReplica = FleetScenario.DEFAULT_UTILIZATION * a.maxConnections()
                        / Math.max(0.001, hold.toNanos() / 1e9);
                rate = perReplica * a.replicas() * fleet.load;
                source = "default: " + Math.round(100 * FleetScenario.DEFAULT_UTILIZATION) + "% of max " + a.maxConnections()
                        + " at " + DurationText.format(hold) + " held, x " + fleet.load;
            }
            out.add(new FleetService(s.name(), a.replicas(), max, a.maxConnections(), Math.min(a.minConnections(), max),
                    rate, source, hold, command.databaseUrl == null ? s.user() : Optional.empty()));
        }
        return out;
    }

    /**
     * The fleet file's PgBouncer when it has one; else one sized to the budget: transaction pooling, the
     * available connections shared by the (database, user) pairs, no reserve, max_db_connections = available.
     * The plan then says what it opens (its own arithmetic).
     */
    private PoolerSettings pooler(FleetPlan plan, PlanOptions options, DatabaseResult database,
                                  List<FleetService> services, long allocated) {
        Optional<PgBouncerConfig> own = plan.database().pooler();
        int available = database.budget().available();
        PgBouncerConfig config;
        String source;
        if (own.isPresent()) {
            config = own.get();
            source = config.source();
        } else {
            Set<String> users = new LinkedHashSet<>();
            services.forEach(s -> users.add(s.user().orElse("")));
            int pairs = Math.max(1, users.size());
            config = new PgBouncerConfig("sized by dbpool to the budget", (int) Math.max(allocated + 10, 20),
                    Math.max(1, available / pairs), 0, available, 0, PgBouncerConfig.TRANSACTION, OptionalInt.empty(),
                    Map.of());
            source = "sized by dbpool: " + available + " available over " + pairs + " (database, user) pair"
                    + (pairs == 1 ? "" : "s");
        }
        PoolerResult checked = plan.withPooler(config).evaluate(options).database().pooler().orElseThrow();
        String database0 = plan.database().name();
        String mode = own.isPresent() ? config.poolModeFor(database0) : PoolerSettings.TRANSACTION;
        return new PoolerSettings(source, mode, config.maxClientConn(),
                entry(config, database0, true).orElse(config.defaultPoolSize()),
                entry(config, database0, false).orElse(config.reservePoolSize()),
                config.maxDbConnectionsFor(database0), config.maxUserConnections(), allocated,
                checked.serverConnections(), allocated <= config.maxClientConn() && checked.serverSideFits());
    }

    /** A {@code [databases]} entry's pool_size (or reserve_pool), when it sets one. */
    private static Optional<Integer> entry(PgBouncerConfig config, String database, boolean poolSize) {
        return config.entryFor(database).flatMap(e -> {
            OptionalInt v = poolSize ? e.poolSize() : e.reservePool();
            return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
        });
    }

    static String describe(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }
}
