package dev.dbpool.cli;

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

    /** Exit 2, the message on stderr, no stack trace, nothing on stdout. */
    static void assertUsageError(DbpoolCli.Result result, String message) {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(message).doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }
}
