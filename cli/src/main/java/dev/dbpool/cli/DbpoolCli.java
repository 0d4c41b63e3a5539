package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbPoolException;
import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.cli.plan.PlanCommand;
import dev.dbpool.plan.PlanException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.io.OutputStreamWriter;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dbpool} command. Results go to {@code out}, diagnostics to {@code err}; every failure
 * is a message and an exit code from {@link ExitCodes}, with a stack trace only under {@code --verbose}.
 * Everything printed, the libraries' log lines included, passes {@link DatabaseUrl#mask} ({@link MaskedOutput}).
 */
@Command(name = "dbpool",
        mixinStandardHelpOptions = true,
        versionProvider = DbpoolCli.Version.class,
        description = "PostgreSQL connection-pool toolkit: plan a fleet's connections, soak a pool under faults, "
                + "emit alert rules and dashboards.",
        subcommands = {
                CommandLine.HelpCommand.class,
                PlanCommand.class,
                EmitCommand.class,
                SoakCommand.class,
                ClosedLoopCommand.class,
                AutoComplete.GenerateCompletion.class})
public final class DbpoolCli implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces and debug details on errors.")
    boolean verbose;

    /** The environment the subcommands read ({@code DB_POOL_*}): the process's, or a test's. */
    private Map<String, String> env = System.getenv();

    Map<String, String> env() {
        return env;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(run(out, err, args));
    }

    /** The seam tests call: runs {@code dbpool args...} and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** The same with {@code env} in place of the process's environment (the {@code DB_POOL_*} variables). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        PrintWriter maskedOut = MaskedOutput.writer(out);
        PrintWriter maskedErr = MaskedOutput.writer(err);
        // Installed before the CommandLine exists: picocli's default execution strategy remembers System.err
        // when it is made and, finding another one at execute(), would replace the err writer set below.
        try (MaskedOutput libraries = MaskedOutput.install()) {
            CommandLine cli = commandLine();
            ((DbpoolCli) cli.getCommand()).env = Map.copyOf(env);
            cli.setOut(maskedOut);
            cli.setErr(maskedErr);
            Optional<String[]> fleetAlias = FleetSoakAlias.rewrite(args);
            if (fleetAlias.isPresent()) {
                maskedErr.println(FleetSoakAlias.NOTICE);
            }
            return cli.execute(fleetAlias.orElse(args));
        } finally {
            maskedOut.flush();
            maskedErr.flush();
        }
    }

    /** Convenience for tests: runs and returns the exit code with both streams captured. */
    public static Result runCaptured(String... args) {
        return runCaptured(System.getenv(), args);
    }

    /** The same with {@code env} in place of the process's environment. */
    public static Result runCaptured(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(new PrintWriter(out), new PrintWriter(err), env, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** What one run printed and returned. */
    public record Result(int exitCode, String out, String err) {
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new DbpoolCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(DbpoolCli::handleExecutionException);
        cli.setParameterExceptionHandler(DbpoolCli::handleParameterException);
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        // An empty argument is Path.of(""), the current directory: never what '--out ""' meant.
        cli.registerConverter(Path.class, DbpoolCli::path);
        // '-V' on a subcommand (dbpool plan -V, dbpool soak fleet -V) prints the same version as 'dbpool -V'.
        cli.getSubcommands().values().forEach(sub -> {
            sub.getCommandSpec().versionProvider(new Version());
            sub.getSubcommands().values().forEach(nested -> nested.getCommandSpec().versionProvider(new Version()));
        });
        return cli;
    }

    private static Path path(String text) {
        if (text.isBlank()) {
            throw new CommandLine.TypeConversionException("a path must not be empty (write . for the current directory)");
        }
        if (text.indexOf('\0') >= 0) {
            throw new CommandLine.TypeConversionException("a path cannot hold a NUL character");
        }
        try {
            return Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new CommandLine.TypeConversionException("not a path: " + e.getReason());
        }
    }

    /** {@code dbpool} with no command: the usage, on stderr, and exit 2 (a script that forgot the command fails). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    private static int handleParameterException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("dbpool: " + e.getMessage());
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitCodes.USAGE;
    }

    private static int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean verbose = isVerbose(parsed);
        int code;
        String message;
        if (e instanceof PlanException plan) {
            // FILE:LINE:COLUMN: first on the line, as compilers print it, so editors and CI annotations find it.
            err.println(plan.getMessage());
            if (!plan.excerpt().isEmpty()) {
                err.println(plan.excerpt());
            }
            if (verbose) {
                printStackTrace(e, err);
            }
            return ExitCodes.USAGE;
        }
        if (e instanceof CliException cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (e instanceof InvalidConfigException) {
            code = ExitCodes.USAGE;
            // loadgen names its parameters (rate, duration); the soak commands print them as their flags.
            Object command = cmd.getCommand();
            boolean loadgen = command instanceof SoakCommand || command instanceof FleetSoakCommand
                    || command instanceof ClosedLoopCommand;
            message = loadgen ? ParameterFlags.inFlags(e.getMessage()) : e.getMessage();
        } else if (e instanceof DbPoolException) {
            code = ExitCodes.UNREACHABLE;
            message = e.getMessage();
        } else {
            code = ExitCodes.INTERNAL_ERROR;
            message = "internal error: " + e;
        }
        err.println("dbpool: " + message);
        if (verbose) {
            printStackTrace(e, err);
        } else if (code == ExitCodes.INTERNAL_ERROR) {
            err.println("Run again with --verbose for the stack trace.");
        }
        return code;
    }

    private static void printStackTrace(Exception e, PrintWriter err) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        err.print(trace);
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** The version from the jar's manifest (set by the build). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = DbpoolCli.class.getPackage().getImplementationVersion();
            return new String[] {"dbpool " + (version == null ? "dev" : version)};
        }
    }
}
