package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import static org.assertj.core.api.Assertions.assertThat;

/** What the subcommands' tests share: running one subcommand through the seam, and what a usage error looks like. */
final class CliTesting {

    private CliTesting() {
    }

    /** Runs {@code dbpool subcommand args...} through {@link DbpoolCli#runCaptured}. */
    static DbpoolCli.Result run(String subcommand, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = subcommand;
        System.arraycopy(args, 0, all, 1, args.length);
        return DbpoolCli.runCaptured(all);
    }

    /** The same with {@code env} as the environment (the {@code DB_POOL_*} variables). */
    static DbpoolCli.Result runWithEnv(java.util.Map<String, String> env, String subcommand, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = subcommand;
        System.arraycopy(args, 0, all, 1, args.length);
        return DbpoolCli.runCaptured(env, all);
    }

    /** One run through the seam, with what libraries wrote to {@code System.out}/{@code System.err} meanwhile. */
    record Logged(DbpoolCli.Result result, String logs) {
        /** Everything that left the program: the run's stdout and stderr, and the libraries' log lines. */
        String everything() {
            return result.out() + "\n" + result.err() + "\n" + logs;
        }
    }

    /** {@link DbpoolCli#runCaptured(java.util.Map, String...)} with {@code System.out} and {@code System.err} captured. */
    static Logged runLogged(java.util.Map<String, String> env, String... args) {
        java.io.PrintStream out = System.out;
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream logs = new java.io.ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(logs, true, java.nio.charset.StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            DbpoolCli.Result result = DbpoolCli.runCaptured(env, args);
            capture.flush();
            return new Logged(result, logs.toString(java.nio.charset.StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Exit 2, the message on stderr, no stack trace, nothing on stdout. */
    static void assertUsageError(DbpoolCli.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(message).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }
}
