package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.Emitter;
import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.GeneratedFiles;
import dev.dbpool.rules.PlanFleet;
import dev.dbpool.rules.promql.PromDuration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code dbpool emit}: writes the Prometheus alert rules, their promtool unit tests and the Grafana
 * dashboard (DESIGN §5), or with {@code --check} verifies that the files on disk are what it
 * would write.
 */
@Command(name = "emit",
        mixinStandardHelpOptions = true,
        header = "Write the alert rules, their promtool tests and the Grafana dashboard for dbpool-runtime's metrics.",
        description = {
                "Write the Prometheus alert rules, their promtool unit tests and the Grafana dashboard that match "
                        + "the metrics of dbpool-runtime:",
                "  DIR/alerts/database.rules.yml",
                "  DIR/tests/database.rules.test.yml",
                "  DIR/dashboards/database-pool-dashboard.json",
                "Exit codes: 0 written or up to date; 1 --check found files that differ; 2 invalid input."})
public final class EmitCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "prometheus",
            description = "Directory to write into (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--check",
            description = "Write nothing; exit 1 and name the files that differ from what emit would write.")
    boolean check;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "services.yaml: per-service utilization thresholds from each pool's size and "
                    + "backpressure threshold, and the fleet budget from max_connections - reserved_connections. "
                    + "Without it: 80%% for every service and a budget of 80.")
    Path plan;

    @Option(names = "--for-override", paramLabel = "DURATION",
            description = "For end-to-end tests only: replace every alert's 'for' with DURATION (e.g. 5s); "
                    + "expressions and thresholds stay the same. Do not deploy rules made with it.")
    String forOverride;

    @Option(names = "--runbook-url", paramLabel = "URL", defaultValue = EmitOptions.DEFAULT_RUNBOOK_URL,
            description = "The runbook page each alert links to, with #<alert name> appended: where your team serves "
                    + "its copy of docs/runbook.md (default: ${DEFAULT-VALUE}, the path in this repository).")
    String runbookUrl;

    @Override
    public Integer call() {
        Fleet fleet = plan == null ? Fleet.defaults() : PlanFleet.read(plan);
        GeneratedFiles files = Emitter.emit(fleet, options());
        PrintWriter stdout = spec.commandLine().getOut();
        if (check) {
            return check(files, stdout);
        }
        List<Path> written;
        try {
            written = files.writeTo(out);
        } catch (IOException e) {
            throw CliException.usage("cannot write into --out " + out + ": " + e, e);
        }
        written.forEach(path -> stdout.println("wrote " + path));
        return ExitCodes.OK;
    }

    private int check(GeneratedFiles files, PrintWriter stdout) {
        List<GeneratedFiles.Difference> differences = files.differencesFrom(out);
        if (differences.isEmpty()) {
            stdout.println(out + ": " + files.files().size() + " generated files are up to date");
            return ExitCodes.OK;
        }
        for (GeneratedFiles.Difference difference : differences) {
            stdout.println((difference.missing() ? "missing: " : "differs: ") + out.resolve(difference.relativePath()));
        }
        spec.commandLine().getErr().println("dbpool: " + differences.size() + " of " + files.files().size()
                + " generated files in " + out + " are not what `dbpool emit` writes; regenerate them with the same "
                + "flags and without --check (hand edits are overwritten: change the templates in rules-templates)");
        return ExitCodes.VIOLATION;
    }

    private EmitOptions options() {
        EmitOptions options = EmitOptions.ofDefaults();
        try {
            options = options.withRunbookUrl(runbookUrl);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--runbook-url: " + e.getMessage());
        }
        if (forOverride != null) {
            Duration duration;
            try {
                duration = PromDuration.parse(forOverride);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--for-override: " + e.getMessage());
            }
            if (duration.isZero()) {
                throw CliException.usage("--for-override must be longer than 0s, got '" + forOverride + "'");
            }
            options = options.withForOverride(duration);
        }
        return options;
    }
}
