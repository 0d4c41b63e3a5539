package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.model.Workload;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The options {@code dbpool soak} and {@code dbpool soak fleet} share (a picocli mixin): the server soaked, the
 * faults, the workload's table, how a request is judged, and where the results go. The options whose defaults
 * differ between the two (duration, warm-up, hold, request threads) stay with each command.
 */
public final class SoakOptions {

    @Option(names = "--deadline", paramLabel = "DURATION", defaultValue = "1s",
            description = "A request that succeeded within it from its intended start is good, after it late "
                    + "(default: ${DEFAULT-VALUE}).")
    String deadline;

    @Option(names = "--fault", paramLabel = "SPEC",
            description = "A fault, repeatable: KIND[:FACTOR]@START+LENGTH (the kinds: dbpool soak --help), or none.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SoakScenario.DEFAULT_SEED,
            description = "Seed of the arrival schedule and the workload (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Write report.json and report.html (charts, self-contained) into DIR.")
    Path reportDir;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve the runtime's metrics on http://127.0.0.1:PORT/metrics while the soak runs.")
    Integer metricsPort;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "Soak this PostgreSQL (postgres://... or jdbc:postgresql://...) instead of an embedded one.")
    String databaseUrl;

    @Option(names = "--pg-ctl", paramLabel = "COMMAND",
            description = "Command that stops and starts the server at --database-url for restart faults; "
                    + "'stop' or 'start' is appended (for example \"pg_ctlcluster 17 main\").")
    String pgCtl;

    @Option(names = "--write-percent", paramLabel = "N", defaultValue = "" + Workload.DEFAULT_WRITE_PERCENT,
            description = "Share of requests that also update their row, 0-100 (default: ${DEFAULT-VALUE}).")
    int writePercent;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "" + Workload.DEFAULT_ROWS,
            description = "Rows in the workload's table (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--acquire-timeout", paramLabel = "DURATION",
            description = "Override the pools' acquire timeout (default: the preset's, 10s).")
    String acquireTimeout;

    /** What both commands refuse before anything starts. */
    void check() {
        if (pgCtl != null && databaseUrl == null) {
            throw CliException.usage("--pg-ctl controls the server at --database-url; the embedded database "
                    + "restarts without it");
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw CliException.usage("--metrics-port must be from 0 to 65535, got '" + metricsPort + "'");
        }
        if (reportDir != null) {
            SoakCommand.prepareReportDir(reportDir);
        }
    }
}
