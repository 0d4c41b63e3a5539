package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.cli.common.FormatOption;
import dev.dbpool.cli.common.OutputFormat;
import dev.dbpool.plan.IoProblem;
import dev.dbpool.loadgen.FinishedRuns;
import dev.dbpool.loadgen.HtmlReport;
import dev.dbpool.loadgen.MetricsEndpoint;
import dev.dbpool.loadgen.ReportJson;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakRunner;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.SoakSweep;
import dev.dbpool.loadgen.SweepReport;
import dev.dbpool.loadgen.TextSummary;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.model.Arrival;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Rates;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.loadgen.workload.InitScript;
import dev.dbpool.loadgen.workload.Script;
import dev.dbpool.loadgen.workload.ScriptMix;
import dev.dbpool.loadgen.workload.ScriptProblem;
import dev.dbpool.loadgen.workload.WeightedScript;
import dev.dbpool.loadgen.peers.PeerSettingsSet;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.Parameters;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dbpool soak}: real load and real faults through the service's preset pool, admission policies against waiting, judged by goodput. */
@Command(name = "soak",
        mixinStandardHelpOptions = true,
        header = "Soak a service's pool with real load and faults on a real PostgreSQL, once per admission policy.",
        subcommands = FleetSoakCommand.class,
        sortOptions = false,
        description = {
                "Drives an open-model load through the service's preset pool against a real PostgreSQL, injects "
                        + "faults on the database, and runs the same seeded schedule once per mode: waiting (plain "
                        + "HikariCP, up to the acquire timeout), each admission policy (threshold, codel) and the "
                        + "peer libraries around a waiting pool (vegas, gradient2: Netflix concurrency-limits; "
                        + "bulkhead: Resilience4j). Measures the pool's capacity first, judges the runs by goodput "
                        + "(answers within --deadline) against it, and reports outcomes, phases, latency from the "
                        + "intended start, time to impact and time to recover; over several rates, the curve of "
                        + "goodput against offered load and its knee.",
                "",
                "With no --database-url it starts an embedded PostgreSQL 17 and removes it afterwards; with one, "
                        + "it works in a schema of its own (dropped afterwards) and touches nothing else."},
        footer = {"",
                "Faults: KIND[:FACTOR]@START+LENGTH, times from the start of each measured run:",
                "  slowdown@15s+12s   an admin session holds ACCESS EXCLUSIVE on the workload's table (a migration)",
                "  kill@15s+5s        pg_terminate_backend of the pool's sessions, every 500 ms",
                "  restart@15s+3s     the server is stopped and started (embedded, or --pg-ctl)",
                "  spike:3@15s+10s    the arrival rate times 3",
                "  latency:40ms@15s+8s  every chunk between the pools and the database delayed by 40 ms",
                "  blackhole@15s+8s   nothing flows between the pools and the database, nothing is reset",
                "  reset@15s+0s       every connection between the pools and the database reset at once",
                "  lock:orders@12s+8s an admin session holds ACCESS EXCLUSIVE on a table of your --workload",
                "  none               no fault (default: slowdown@15s+12s; none with --workload FILE)",
                "Network faults act on a loopback proxy the soak puts between the pools and the database.",
                "",
                "Retries: a request whose attempt ended in a --retry-on outcome is tried again, up to --retries",
                "times, after a full-jitter exponential backoff, while the retry budget allows; it is good when",
                "some attempt succeeded within --deadline of its intended start. A run is metastable when, in",
                "each of the 10 one-second cohorts after the last fault ended, goodput stayed below half the",
                "run's steady goodput ratio (report.json: attempts, retry_amplification, metastable).",
                "",
                "Fleet soak: dbpool soak fleet FILE...|--presets [--fit] [--pgbouncer]: every service's pools x",
                "  replicas against one server with the plan's max_connections (see 'dbpool soak fleet --help').",
                "",
                "Exit codes: 0 ok, 1 a --fail-on threshold breached, 2 invalid usage, 3 database unreachable, "
                        + "4 run invalid (the load generator fell behind its schedule, or over 5%% of the requests "
                        + "failed in their --workload script)."})
public final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    DbpoolCli parent;

    @Mixin
    FormatOption format;

    @Option(names = "--service", paramLabel = "NAME",
            description = "Service whose preset pool is soaked (for example auth-service); or a fleet soak "
                    + "with --fleet FILE or --presets.")
    String service;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s",
            description = "Measured length of each mode's run (default: ${DEFAULT-VALUE}).")
    String duration;

    @Option(names = "--rate", paramLabel = "RATES", defaultValue = "1500",
            description = "Arrivals per second: one rate, a list (500,1000,2000) or a range (500..4000/500), at most "
                    + Rates.MAX + "; a set of runs per rate (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--mode", paramLabel = "MODES",
            description = "Comma list of wait, threshold (alias backpressure), codel, vegas, gradient2, bulkhead; "
                    + "both = wait,threshold (default: wait, threshold and the default policy of "
                    + "BackpressureConfig.ofDefaults()).")
    String mode;

    @Option(names = "--peer", paramLabel = "NAME.KEY=VALUE",
            description = "A peer library's setting, repeatable, by the library's own name: vegas.initialLimit, "
                    + "vegas.maxConcurrency, gradient2.initialLimit, gradient2.minLimit, gradient2.maxConcurrency, "
                    + "gradient2.queueSize, bulkhead.maxConcurrentCalls, bulkhead.maxWaitDuration (default: the "
                    + "libraries' defaults; bulkhead.maxConcurrentCalls the pool's size).")
    List<String> peers = new ArrayList<>();

    @Option(names = "--capacity-probe", paramLabel = "DURATION", defaultValue = "5s",
            description = "Before the runs, a closed loop keeps every connection busy with the workload this long "
                    + "(after --warmup) to measure the capacity that goodput is judged against; 0s skips it "
                    + "(default: ${DEFAULT-VALUE}).")
    String capacityProbe;

    @Option(names = "--threshold", paramLabel = "RATIO",
            description = "The threshold policy's threshold, active/max above which requests are rejected "
                    + "(default: DB_POOL_BACKPRESSURE_THRESHOLD, else 0.85). The other policies' parameters come "
                    + "from DB_POOL_CODEL_TARGET_MS and DB_POOL_CODEL_INTERVAL_MS.")
    Double threshold;

    @Option(names = "--fail-on", paramLabel = "EXPR",
            description = "Exit 1 when breached, repeatable: [MODE.]METRIC OP VALUE, for example ttr>5s, "
                    + "timed_out>0, wait.p99>2s, goodput_ratio<0.9, timed_out_reduction<90%%, goodput_gain<1.")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N|virtual", defaultValue = "" + SoakScenario.DEFAULT_THREADS,
            converter = RequestThreadsConverter.class,
            description = "Request threads of the simulated service, a servlet container's fixed set with a queue "
                    + "in front (default: ${DEFAULT-VALUE}, Tomcat's), or virtual: a virtual thread per request, as "
                    + "Spring Boot runs with spring.threads.virtual.enabled (Java 21+).")
    int threads;

    /** {@code --threads}: a number of platform threads, or {@code virtual}. */
    static final class RequestThreadsConverter implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if ("virtual".equalsIgnoreCase(value.strip())) {
                return SoakScenario.VIRTUAL_THREADS;
            }
            try {
                int threads = Integer.parseInt(value.strip());
                if (threads >= 1) {
                    return threads;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new CommandLine.TypeConversionException("must be a positive integer or virtual, got '" + value + "'");
        }
    }

    @Option(names = "--arrival", paramLabel = "KIND", defaultValue = "poisson",
            description = "poisson (independent arrivals) or constant (evenly spaced) (default: ${DEFAULT-VALUE}).")
    String arrival;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "3s",
            description = "Unmeasured load before each run (default: ${DEFAULT-VALUE}).")
    String warmup;

    @Option(names = "--hold", paramLabel = "DURATION", defaultValue = "6ms",
            description = "Time each request keeps its connection on the server besides its queries "
                    + "(default: ${DEFAULT-VALUE}, about 60-70%% of auth-service's pool at 1500/s).")
    String hold;

    @Option(names = "--workload", paramLabel = "FILE[@WEIGHT]",
            description = "A pgbench-style script each request may run instead of the built-in workload, "
                    + "repeatable: each request runs one, chosen by weight (default 1, seeded). builtin is the "
                    + "built-in workload (the default). See docs/soak.md, \"Your own workload\".")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--print",
            description = "Print the --workload scripts (builtin: the built-in workload's) and exit.")
    boolean print;

    @Option(names = "--init", paramLabel = "FILE.sql",
            description = "Plain SQL run once in the soak's own schema before the runs (first on every "
                    + "connection's search_path, dropped afterwards): the tables your scripts use.")
    Path init;

    @Mixin
    SoakOptions options;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "0",
            description = "Retries per request after a failed attempt (default: ${DEFAULT-VALUE}, no retries).")
    int retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", defaultValue = "50ms",
            description = "Base of the exponential backoff with full jitter: retry n waits a uniform random "
                    + "time below base x 2^(n-1), at most 10s (default: ${DEFAULT-VALUE}).")
    String retryBackoff;

    @Option(names = "--retry-budget", paramLabel = "RATIO", defaultValue = "0.1",
            description = "Retries at most this share of first attempts, 0.0-1.0, or none (a token budget: each "
                    + "first attempt earns RATIO tokens, a retry spends one) (default: ${DEFAULT-VALUE}).")
    String retryBudget;

    @Option(names = "--retry-on", paramLabel = "OUTCOMES", defaultValue = "rejected,timed_out,errors",
            description = "Comma list of the outcomes that are retried (default: ${DEFAULT-VALUE}).")
    String retryOn;

    @Override
    public Integer call() throws Exception {
        if (print) {
            return printWorkloads();
        }
        if (service == null) {
            throw CliException.usage("give --service NAME (one service's pool), or run 'dbpool soak fleet "
                    + "FILE|--presets' (every service of a fleet); see 'dbpool soak --help'");
        }
        OutputFormat output = format.require(OutputFormat.text, OutputFormat.json);
        SoakSweep sweep = SoakSweep.of(scenario(), Rates.parse(rate, "--rate"));
        options.check();
        List<FailOn> rules = failOn.stream().map(FailOn::parse).toList();
        rules.forEach(rule -> rule.checkApplicable(sweep.first().modes()));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SoakProgress progress = new SoakProgress(err, System.console() != null);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SweepReport report;
        FinishedRuns finished = new FinishedRuns();
        // Installed before the database starts, so that its line comes first on Ctrl-C; the database's own
        // shutdown hooks stop it meanwhile.
        try (SoakInterruption interruption = SoakInterruption.install(options.databaseUrl == null, finished,
                options.reportDir, out, err)) {
            report = interruption.run(() -> {
                try (MetricsEndpoint metrics = options.metricsPort == null ? null
                        : startMetrics(registry, options.metricsPort, err);
                     SoakDatabase database = openDatabase(progress)) {
                    return SoakRunner.sweep(sweep, database, registry, progress, finished);
                } catch (SoakDatabaseException e) {
                    throw CliException.unreachable(e.getMessage(), e);
                } catch (ScriptProblem e) {
                    throw usage(e);
                }
            });
        }

        if (output == OutputFormat.json) {
            out.print(ReportJson.write(report));
        } else {
            out.print(TextSummary.write(report));
        }
        out.flush();
        if (options.reportDir != null) {
            writeReport(report, options.reportDir, err);
        }
        if (!report.valid()) {
            err.println("dbpool: run invalid: " + report.reports().stream().flatMap(r -> r.runs().stream()
                    .filter(run -> !run.valid()).map(run -> rateLabel(report, r) + run.mode().label() + ": "
                            + run.run().problem())).toList());
            return ExitCodes.INVALID_RUN;
        }
        // A sweep breaches a rule when any of its rates does.
        List<String> breaches = report.reports().stream().flatMap(r -> rules.stream().map(rule -> rule.check(r))
                .flatMap(Optional::stream).map(b -> rateLabel(report, r) + b)).toList();
        if (!breaches.isEmpty()) {
            breaches.forEach(b -> err.println("dbpool: --fail-on breached: " + b));
            return ExitCodes.VIOLATION;
        }
        return ExitCodes.OK;
    }

    /** {@code "at 2,000/s: "} in a sweep, nothing for one rate. */
    private static String rateLabel(SweepReport sweep, SoakReport report) {
        return sweep.isSweep() ? "at " + String.format(java.util.Locale.ROOT, "%,.0f", report.scenario().ratePerSecond())
                + "/s: " : "";
    }

    /** Every flag but the rate, which the sweep sets per point. */
    private SoakScenario.Builder scenario() {
        ScriptMix scripts;
        InitScript initScript;
        try {
            scripts = workloads.isEmpty() ? null : new ScriptMix(workloads.stream().map(WeightedScript::parse).toList());
            initScript = init == null ? null : InitScript.read(init);
        } catch (ScriptProblem e) {
            throw usage(e);
        }
        boolean custom = scripts != null && !scripts.isBuiltinOnly();
        // The default slowdown stalls the built-in workload's table; a workload of scripts gets no fault unless asked.
        List<Fault> parsedFaults = Fault.parseAll(options.faults, custom ? List.of() : SoakScenario.DEFAULT_FAULTS);
        Workload workload = new Workload(options.rows, options.writePercent, DurationText.parse("--hold", hold));
        java.util.Map<String, String> env = parent == null ? System.getenv() : parent.env();
        // A flag wins over its variable, whose text is then not read (a malformed one cannot abort the run); the
        // flag's value stands in for it, so that the default policy is chosen as it would be with the variable.
        Parameters policyParameters = Parameters.of(name -> threshold == null
                || !name.equals(BackpressureConfig.ENV_THRESHOLD) ? env.get(name)
                : env.containsKey(name) ? String.valueOf(threshold) : null);
        BackpressureConfig.fromEnv(policyParameters.asFunction()); // a bad DB_POOL_* fails here, before any load
        return SoakScenario.builder(service)
                .duration(DurationText.parse("--duration", duration))
                .modes(mode == null ? Mode.defaults() : Mode.parseList(mode, "--mode"))
                .policyParameters(policyParameters)
                .threshold(threshold != null ? threshold : ThresholdSettings.from(policyParameters).threshold())
                .deadline(DurationText.parse("--deadline", options.deadline))
                .faults(parsedFaults)
                .seed(options.seed)
                .threads(threads)
                .arrival(parseArrival())
                .warmup(DurationText.parse("--warmup", warmup))
                .workload(workload)
                .scripts(scripts)
                .init(initScript)
                .acquireTimeout(options.acquireTimeout == null ? null
                        : DurationText.parse("--acquire-timeout", options.acquireTimeout))
                .retry(retryPolicy())
                .peers(PeerSettingsSet.parse(peers, "--peer"))
                .capacityProbe(DurationText.parse("--capacity-probe", capacityProbe));
    }

    private RetryPolicy retryPolicy() {
        if (retries < 0) {
            throw CliException.usage("--retries must be a non-negative integer, got '" + retries + "'");
        }
        Duration backoff = DurationText.parse("--retry-backoff", retryBackoff);
        if (backoff.isZero()) {
            throw CliException.usage("--retry-backoff must be a positive duration, got '" + retryBackoff + "'");
        }
        return new RetryPolicy(retries, backoff, RetryPolicy.parseBudget(retryBudget), RetryPolicy.parseRetryOn(retryOn));
    }

    private Arrival parseArrival() {
        return switch (arrival.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "poisson" -> Arrival.POISSON;
            case "constant" -> Arrival.CONSTANT;
            default -> throw CliException.usage("--arrival must be poisson or constant, got '" + arrival + "'");
        };
    }

    /** A script problem as the command line says it: the flag, then the file, line and column. */
    private static CliException usage(ScriptProblem problem) {
        return CliException.usage("--" + problem.parameter() + " " + problem.getMessage(), problem);
    }

    /** {@code --print}: each {@code --workload} script's text, the built-in one when none is given. */
    private int printWorkloads() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> specs = workloads.isEmpty() ? List.of(Script.BUILTIN) : workloads;
        try {
            for (String workloadSpec : specs) {
                WeightedScript script = WeightedScript.parse(workloadSpec);
                if (specs.size() > 1) {
                    out.println("-- " + script);
                }
                String text = script.script().text();
                out.print(text.endsWith("\n") ? text : text + "\n");
            }
        } catch (ScriptProblem e) {
            throw usage(e);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private SoakDatabase openDatabase(SoakProgress progress) {
        if (options.databaseUrl == null) {
            progress.step("starting an embedded PostgreSQL 17 (no --database-url)");
            return SoakDatabase.embedded();
        }
        SoakDatabase database = SoakDatabase.external(options.databaseUrl, options.pgCtl);
        progress.step("soaking " + database.description() + " in schema " + database.schema());
        return database;
    }

    static MetricsEndpoint startMetrics(PrometheusMeterRegistry registry, int port, PrintWriter err) {
        try {
            MetricsEndpoint endpoint = MetricsEndpoint.start(registry, port);
            err.println("dbpool: metrics on " + endpoint.url());
            return endpoint;
        } catch (java.io.UncheckedIOException e) {
            throw CliException.usage("--metrics-port " + port + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Before any load: a report that cannot be written must not cost minutes of soaking first. */
    static void prepareReportDir(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".dbpool-soak-", ".probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw CliException.usage("--report " + dir + ": cannot write there: " + IoProblem.describe(e), e);
        } catch (UnsupportedOperationException e) {
            throw CliException.usage("--report " + dir + ": cannot write there: not a file system files are written to", e);
        }
    }

    private static void writeReport(SweepReport report, Path dir, PrintWriter err) {
        ReportFiles.write(dir, ReportJson.write(report), HtmlReport.write(report), err);
    }
}
