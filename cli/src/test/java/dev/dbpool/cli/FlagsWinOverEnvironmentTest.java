package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;


import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An explicit flag wins over the environment, and the environment is then not read: a malformed variable
 * the flag replaces cannot abort the run or print its password (docs/soak.md, "Where each setting comes from").
 */
class FlagsWinOverEnvironmentTest {

    private static final String UNREACHABLE = "postgres://app@127.0.0.1:1/app";

    @Test
    void soakDatabaseUrlDoesNotReadTheShellsDatabaseUrl() throws Exception {
        // DbConfig reads the process's own environment, which only a child process can be given.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), DbpoolCli.class.getName(), "soak", "--service",
                "auth-service", "--database-url", TestDatabase.get().databaseUrl(), "--duration", "1s", "--warmup", "0s",
                "--rate", "20", "--mode", "wait", "--fault", "none", "--rows", "100"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DATABASE_URL", "postgres:/app:ShellSecret3@elsewhere:99999/other");

        Process process = builder.start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }

        assertThat(ended).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isIn(ExitCodes.OK, ExitCodes.INVALID_RUN);
        assertThat(output).doesNotContain("ShellSecret3").doesNotContain("DATABASE_URL").doesNotContain("elsewhere");
    }

    @Test
    void soakThresholdDoesNotReadItsVariable() {
        Map<String, String> env = Map.of(BackpressureConfig.ENV_THRESHOLD, "most");

        DbpoolCli.Result withFlag = CliTesting.runWithEnv(env, "soak", "--service", "auth-service", "--threshold", "0.5",
                "--database-url", UNREACHABLE);
        DbpoolCli.Result withoutFlag = CliTesting.runWithEnv(env, "soak", "--service", "auth-service",
                "--database-url", UNREACHABLE);

        assertThat(withFlag.exitCode()).as(withFlag.err()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(withoutFlag.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(withoutFlag.err()).contains(BackpressureConfig.ENV_THRESHOLD).contains("most");
    }

}
