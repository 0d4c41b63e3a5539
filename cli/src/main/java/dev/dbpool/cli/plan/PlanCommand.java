package dev.dbpool.cli.plan;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ConnectionBudgetFlags;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.cli.common.FormatOption;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PgBouncerConfig;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanLimits;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.ServerLimits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dbpool plan services.yaml}: Σ max pool size × replicas against the server's
 * {@code max_connections}, as a CI gate (exit 1 when over) and as advice (the proportional fit, the
 * Little's-law sizes).
 */
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
                "Check a fleet's connection allocation against PostgreSQL's max_connections.",
                "Allocated = pool max x replicas per service; available = the server's max_connections - reserved "
                        + "(default 20%%). Exit 1 when the fleet does not fit, or with --fail-on undersized when a "
                        + "service's pool is too small for its peak."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the fleet fits",
                "1:over budget (or another violation); with --fail-on undersized, a pool too small for its peak",
                "2:invalid input or usage (FILE:LINE:COLUMN: what is wrong)",
                "3:the database could not be reached"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  dbpool plan examples/services.yaml",
                "  dbpool plan examples/k8s/ --max-connections 400 --worst-case",
                "  dbpool plan examples/k8s/ --max-connections 400 --pgbouncer examples/pgbouncer/pgbouncer.ini",
                "  dbpool plan --presets --fit",
                "  dbpool plan services.yaml --worst-case --format markdown",
                "  dbpool plan services.yaml --database-url postgres://app@db:5432/app"})
public final class PlanCommand implements Callable<Integer> {

    private static final String UNDERSIZED = "undersized";

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE",
            description = "The fleet's services.yaml, or Kubernetes manifests: files and directories "
                    + "(Deployments, StatefulSets, HorizontalPodAutoscalers, ConfigMaps; multi-document YAML; kind: List).")
    List<Path> files;

    @Option(names = "--presets",
            description = "Plan the built-in presets, one replica each, instead of a file "
                    + "(against max_connections 100, 20 reserved, unless --database-url).")
    boolean presets;

    @Option(names = "--fit",
            description = "Also show every max scaled down in proportion so that the fleet fits, never below "
                    + "its min or 1. Advice: the exit code still judges the file as written.")
    boolean fit;

    @Option(names = "--worst-case",
            description = "Count every service at its max_replicas (the autoscaler's ceiling) plus its "
                    + "rolling-update surge (maxSurge of a Deployment).")
    boolean worstCase;

    @Option(names = "--max-connections", paramLabel = "N",
            description = "The database's max_connections when neither the input nor --database-url gives it "
                    + "(Kubernetes manifests never do).")
    Integer maxConnections;

    @Option(names = "--reserved-connections", paramLabel = "N",
            description = "Connections kept back from the services when the input does not say (default 20%% of "
                    + "max_connections).")
    Integer reservedConnections;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Nodes of the cluster: each DaemonSet in the manifests is counted as N pods (without it, "
                    + "a DaemonSet is named in the notes and not counted).")
    Integer nodes;

    @Option(names = "--pgbouncer", paramLabel = "INI",
            description = "The pgbouncer.ini of the PgBouncer the services connect through: the pools are checked "
                    + "against max_client_conn, PgBouncer's server connections against the budget.")
    Path pgbouncer;

    @Option(names = "--max-wait-probability", paramLabel = "P", defaultValue = "0.01",
            description = "Sizing target: the recommended pool keeps P(wait > one mean hold time) at or under P "
                    + "(Erlang C; default: ${DEFAULT-VALUE}).")
    double maxWaitProbability;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Read max_connections, the reserved slots and the sessions per application_name "
                    + "from this server (postgres:// or jdbc:postgresql://); it overrides the file's numbers.")
    String databaseUrl;

    // 5 s, as DbConfig.DEFAULT_CONNECT_TIMEOUT (an annotation needs a constant).
    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "How long to try reaching --database-url (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--threshold", paramLabel = "RATIO", defaultValue = "0.85",
            description = "Backpressure threshold for the Little's-law advice, for services without their own "
                    + "backpressure_threshold (default: ${DEFAULT-VALUE}).")
    double threshold;

    @Option(names = "--fail-on", paramLabel = "CHECK",
            description = "Also exit 1 on this finding, repeatable: undersized (a service's pool max is below what "
                    + "its peak needs; the verdict counts them either way).")
    List<String> failOn = List.of();

    @Mixin
    FormatOption format;

    @Override
    public Integer call() {
        boolean anyFile = files != null && !files.isEmpty();
        if (presets == anyFile) {
            throw CliException.usage(presets ? "give either FILE or --presets, not both"
                    : "give a services file (FILE) or --presets; see 'dbpool plan --help'");
        }
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw CliException.usage("--threshold must be above 0 and at most 1, got " + threshold);
        }
        if (!(maxWaitProbability > 0.0 && maxWaitProbability < 1.0)) {
            throw CliException.usage("--max-wait-probability must be above 0 and below 1, got " + maxWaitProbability);
        }
        ConnectionBudgetFlags.check(maxConnections, reservedConnections);
        boolean failOnUndersized = false;
        for (String check : failOn) {
            if (!check.strip().equals(UNDERSIZED)) {
                throw CliException.usage("--fail-on must be " + UNDERSIZED + ", got '" + check + "'");
            }
            failOnUndersized = true;
        }
        if (nodes != null && (nodes < 1 || nodes > PlanLimits.MAX_NODES)) {
            throw CliException.usage("--nodes must be from 1 to " + PlanLimits.MAX_NODES
                    + " (Kubernetes' limit of nodes in a cluster), got " + nodes);
        }
        if (connectTimeoutSeconds < 1) {
            throw CliException.usage("--connect-timeout must be at least 1 second, got " + connectTimeoutSeconds);
        }

        // The file first: bad input is exit 2 before any connection is tried.
        FleetPlan plan = presets ? FleetPlan.presets() : FleetPlan.load(files, ConnectionBudgetFlags.optional(nodes));
        if (pgbouncer != null) {
            plan = plan.withPooler(PgBouncerConfig.load(pgbouncer));
        }
        PlanOptions options = PlanOptions.defaults().withWorstCase(worstCase).withFit(fit).withThreshold(threshold)
                .withMaxWaitProbability(maxWaitProbability)
                .withFallbackBudget(ConnectionBudgetFlags.optional(maxConnections),
                        ConnectionBudgetFlags.optional(reservedConnections));
        if (databaseUrl != null) {
            DatabaseUrl.parse("--database-url", databaseUrl); // a malformed URL is usage (2), named as the flag
            options = options.withServer(ServerLimits.read(databaseUrl, Duration.ofSeconds(connectTimeoutSeconds)));
        }
        PlanResult result = plan.evaluate(options);

        PrintWriter out = spec.commandLine().getOut();
        switch (format.format()) {
            case json -> PlanJsonReport.print(result, out);
            case markdown -> PlanMarkdownReport.print(result, out);
            default -> PlanTextReport.print(result, out);
        }
        if (!result.fits() || failOnUndersized && !result.undersized().isEmpty()) {
            return ExitCodes.VIOLATION;
        }
        return ExitCodes.OK;
    }

}
