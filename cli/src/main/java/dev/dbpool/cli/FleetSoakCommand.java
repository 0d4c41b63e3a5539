package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ConnectionBudgetFlags;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.cli.common.FormatOption;
import dev.dbpool.cli.common.OutputFormat;
import dev.dbpool.loadgen.FleetSoakRunner;
import dev.dbpool.loadgen.HtmlReport;
import dev.dbpool.loadgen.MetricsEndpoint;
import dev.dbpool.loadgen.ReportJson;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.TextSummary;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.fleet.FleetPlanScenario;
import dev.dbpool.loadgen.fleet.FleetResult;
import dev.dbpool.loadgen.fleet.FleetScenario;
import dev.dbpool.loadgen.fleet.FleetSoakSettings;
import dev.dbpool.loadgen.fleet.PgBouncer;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.runtime.DbConfig;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code dbpool soak fleet FILE...|--presets [--fit] [--pgbouncer]}: the fleet as the plan reads it, every
 * service's pools × replicas against one server, directly or through a real PgBouncer, under a stall that drives
 * every pool to its max. The scenario comes from {@link FleetPlanScenario}; this command reads flags and prints.
 */
@Command(name = "fleet",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Soaks a whole fleet: every service of a services.yaml or of Kubernetes manifests (as 'dbpool plan' "
                        + "reads them), or the built-in presets, each with its pools x replicas, against one "
                        + "PostgreSQL whose max_connections is the plan's, under a stall that drives every pool "
                        + "to its maximum. Each service runs at its peak_qps x --load. Reports what the server "
                        + "refused, its sessions against max_connections, and each service's goodput.",
                "",
                "With no --database-url it starts an embedded PostgreSQL 17 with the plan's max_connections and "
                        + "removes it afterwards."},
        footer = {"",
                "Exit codes: 0 ok, 2 invalid usage, 3 database unreachable, "
                        + "4 run invalid (the load generator fell behind its schedule)."})
public final class FleetSoakCommand implements Callable<Integer> {

    /** Overrides where the PgBouncer binary is looked for (as {@code --pgbouncer-bin}). */
    public static final String PGBOUNCER_ENV = "DBPOOL_PGBOUNCER";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    SoakCommand soak;

    @Mixin
    FormatOption format;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "A services.yaml or Kubernetes manifests (files, directories), as 'dbpool plan' reads them.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--presets", description = "The built-in presets, one replica each, against max_connections 100 "
            + "(as 'dbpool plan --presets').")
    boolean presets;

    @Option(names = "--fit", description = "Run every pool at the plan's proportional fit ('dbpool plan --fit').")
    boolean fit;

    @Option(names = "--pgbouncer", description = "Start a real PgBouncer on loopback (transaction pooling, sized from "
            + "the plan so that its server side fits the budget) and point every pool at it.")
    boolean pgbouncer;

    @Option(names = "--pgbouncer-bin", paramLabel = "PATH", description = "The PgBouncer binary (default: "
            + PGBOUNCER_ENV + ", else pgbouncer on the PATH, else /usr/sbin/pgbouncer).")
    Path pgbouncerBinary;

    @Option(names = "--load", paramLabel = "FACTOR", defaultValue = "1.0", description = "Each service runs at "
            + "peak_qps x FACTOR; a service without peak_qps at a rate that keeps its pools 8%% busy "
            + "(default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--max-connections", paramLabel = "N", description = "The database's max_connections when the "
            + "fleet file does not give it (Kubernetes manifests never do).")
    Integer maxConnections;

    @Option(names = "--reserved-connections", paramLabel = "N", description = "Connections the plan keeps back when "
            + "the file does not say (default 20%% of max_connections).")
    Integer reservedConnections;

    // The defaults below are FleetScenario's (and FleetSoakSettings'): a flag not given leaves them in place.
    @Option(names = "--duration", paramLabel = "DURATION", description = "Measured length of the run (default: 40s).")
    String duration;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Unmeasured load first (default: 3s).")
    String warmup;

    @Option(names = "--hold", paramLabel = "DURATION", description = "Where a service has no hold_ms: time each "
            + "request keeps its connection on the server besides its queries (default: 25ms).")
    String hold;

    @Option(names = "--threads", paramLabel = "N", description = "Request threads of each replica (default: twice "
            + "its pool's maximum, at least 4).")
    Integer threads;

    @Mixin
    SoakOptions common;

    @Override
    public Integer call() throws InterruptedException {
        OutputFormat output = format.require(OutputFormat.text, OutputFormat.json);
        if (presets && !files.isEmpty()) {
            throw CliException.usage("give either FILE or --presets, not both");
        }
        if (!presets && files.isEmpty()) {
            throw CliException.usage("give the fleet: a services.yaml or Kubernetes manifests (FILE...), or --presets");
        }
        ConnectionBudgetFlags.check(maxConnections, reservedConnections);
        if (threads != null && threads < 1) {
            throw CliException.usage("--threads must be at least 1, got " + threads);
        }
        common.check();
        FleetSoakSettings.Builder settings = FleetSoakSettings.builder()
                .fit(fit).load(load).pgbouncer(pgbouncer)
                .maxConnections(ConnectionBudgetFlags.optional(maxConnections))
                .reservedConnections(ConnectionBudgetFlags.optional(reservedConnections))
                .databaseUrl(Optional.ofNullable(common.databaseUrl))
                .deadline(DurationText.parse("--deadline", common.deadline))
                .acquireTimeout(common.acquireTimeout == null ? DbConfig.DEFAULT_ACQUIRE_TIMEOUT
                        : DurationText.parse("--acquire-timeout", common.acquireTimeout))
                .faults(Fault.parseAll(common.faults, FleetScenario.DEFAULT_FAULTS))
                .threadsPerReplica(threads == null ? 0 : threads)
                .seed(common.seed).rows(common.rows).writePercent(common.writePercent);
        if (duration != null) {
            settings.duration(DurationText.parse("--duration", duration));
        }
        if (warmup != null) {
            settings.warmup(DurationText.parse("--warmup", warmup));
        }
        if (hold != null) {
            settings.hold(DurationText.parse("--hold", hold));
        }
        FleetSoakSettings built = settings.build();

        // The fleet first, with the plan's own reader: bad input is exit 2 with its messages, before anything starts.
        FleetPlan plan = presets ? FleetPlan.presets() : FleetPlan.load(files);
        Path pgbouncerPath = pgbouncer ? locatePgBouncer() : null;
        FleetScenario scenario = FleetPlanScenario.of(plan, built);
        if (scenario.faults().stream().anyMatch(f -> f.kind() == FaultKind.RESTART)
                && common.databaseUrl != null && common.pgCtl == null) {
            throw CliException.usage("--fault restart needs the embedded database (no --database-url) or --pg-ctl");
        }

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SoakProgress progress = new SoakProgress(err, System.console() != null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FleetResult report;
        try (MetricsEndpoint metrics = common.metricsPort == null ? null : SoakCommand.startMetrics(registry,
                common.metricsPort, err);
             SoakDatabase db = open(scenario, progress)) {
            report = FleetSoakRunner.run(scenario, db, pgbouncerPath, registry, progress);
        } catch (SoakDatabaseException e) {
            throw CliException.unreachable(e.getMessage(), e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw CliException.usage(e.getMessage(), e);
        }
        out.print(output == OutputFormat.json ? ReportJson.write(report) : TextSummary.write(report));
        out.flush();
        if (common.reportDir != null) {
            ReportFiles.write(common.reportDir, ReportJson.write(report), HtmlReport.write(report), err);
        }
        if (!report.valid()) {
            err.println("dbpool: run invalid: " + report.generatorProblem());
            return ExitCodes.INVALID_RUN;
        }
        return ExitCodes.OK;
    }

    private Path locatePgBouncer() {
        Map<String, String> env = soak == null || soak.parent == null ? System.getenv() : soak.parent.env();
        String fromEnv = env.get(PGBOUNCER_ENV);
        Path explicit = pgbouncerBinary != null ? pgbouncerBinary
                : fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv.strip()) : null;
        Path binary = PgBouncer.locate(explicit, env.get("PATH"));
        if (!PgBouncer.isExecutable(binary)) {
            throw CliException.usage("--pgbouncer: no PgBouncer at " + binary + "; install it ("
                    + PgBouncer.INSTALL_HINT + " on Debian and Ubuntu) or give its path with --pgbouncer-bin PATH "
                    + "(or " + PGBOUNCER_ENV + ")");
        }
        return binary;
    }

    private SoakDatabase open(FleetScenario scenario, SoakProgress progress) {
        if (common.databaseUrl == null) {
            progress.step("starting an embedded PostgreSQL 17 with max_connections " + scenario.maxConnections()
                    + " (superuser_reserved_connections " + scenario.superuserReserved() + ")");
            return SoakDatabase.embedded(FleetSoakRunner.serverConfig(scenario));
        }
        SoakDatabase database = SoakDatabase.external(common.databaseUrl, common.pgCtl);
        progress.step("fleet soak on " + database.description() + " in schema " + database.schema());
        return database;
    }
}
