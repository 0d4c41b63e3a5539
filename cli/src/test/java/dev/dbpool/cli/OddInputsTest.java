package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static dev.dbpool.cli.CliTesting.run;
import static org.assertj.core.api.Assertions.assertThat;

/** The smaller odd inputs of a hostile-but-fair user: each answered with exit 2 and one clear sentence. */
class OddInputsTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyPathIsNotTheCurrentDirectory() {
        assertUsageError(run("emit", "--out", ""), "Invalid value for option '--out': a path must not be empty");
        assertThat(run("plan", "").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertUsageError(run("soak", "--service", "auth-service", "--report", ""), "a path must not be empty");
    }

    @Test
    void aUrlThatCouldNeverConnectIsInvalidNotUnreachable() {
        DbpoolCli.Result port = run("plan", "--presets", "--database-url", "postgres://app@127.0.0.1:99999/app");
        DbpoolCli.Result ssl = run("plan", "--presets", "--database-url", "postgres://app@127.0.0.1/app?sslmode=bogus");

        assertUsageError(port, "--database-url must be a valid PostgreSQL URL, got 'postgres://app@127.0.0.1:99999/app': "
                + "the port must be 1-65535, got '99999'");
        assertUsageError(ssl, "sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, got 'bogus'");
        assertThat(port.err().lines()).hasSize(1);
    }

    @Test
    void anAddressWithoutSchemeIsEchoedMasked() {
        assertUsageError(run("plan", "--presets", "--database-url", "app:Hunter2@db/app"),
                "dbpool: --database-url must be a postgres:// or jdbc:postgresql:// URL, got 'app:***@db/app'");
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        DbpoolCli.Result result = run("plan", "-V");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("dbpool ");
    }

    @Test
    void aReportThatCannotBeWrittenIsSaidInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");

        DbpoolCli.Result result = run("soak", "--service", "auth-service", "--report", file.resolve("sub").toString());

        assertUsageError(result, "--report " + file.resolve("sub") + ": cannot write there:");
        assertThat(result.err()).doesNotContain("Exception");
    }

    @Test
    void noFaultWithAFaultIsAContradictionNotASyntaxError() {
        assertUsageError(run("soak", "--service", "auth-service", "--fault", "none", "--fault", "kill@3s+1s"),
                "--fault none means no fault and cannot be combined with other faults (kill@3s+1s): drop one or the other");
    }

    @Test
    void countsPastTheirLimitsNameTheLimit() {
        assertUsageError(run("plan", "--presets", "--max-connections", "150000000"),
                "--max-connections must be from 1 to 262143 (PostgreSQL's limit of max_connections), got 150000000");
        assertUsageError(run("plan", "--presets", "--nodes", "0"),
                "--nodes must be from 1 to 5000 (Kubernetes' limit of nodes in a cluster), got 0");
        assertUsageError(run("soak", "--presets", "--max-connections", "262144"),
                "--max-connections must be from 1 to 262143");
    }

    @Test
    void aDeviceIsRefusedAtOnce() {
        DbpoolCli.Result result = run("plan", "/dev/zero");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("/dev/zero: is not a regular file").doesNotContain("\tat ");
    }
}
