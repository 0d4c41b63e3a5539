package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;

class SoakCommandTest {

    private static DbpoolCli.Result soak(String... args) {
        return CliTesting.run("soak", args);
    }

    @Test
    void aNegativeRateExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--rate", "-5"),
                "--rate must be a positive number of arrivals per second, a list (500,1000,2000) or a range "
                        + "(500..4000/500), got '-5'");
    }

    @Test
    void aNonsenseFaultExitsTwoWithTheSyntax() {
        assertUsageError(soak("--service", "auth-service", "--fault", "nonsense"),
                "--fault must be KIND[:FACTOR]@START+LENGTH");
    }

    @Test
    void aZeroDurationExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--duration", "0s"), "--duration must be positive, got '0s'");
    }

    @Test
    void aThresholdAboveOneExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--threshold", "2"),
                "--threshold must be a number from 0.0 to 1.0, got '2'");
    }

    @Test
    void otherBadFlagsExitTwo() {
        assertUsageError(soak("--rate", "100"), "give --service NAME (one service's pool), or run 'dbpool soak fleet");
        assertUsageError(soak("--service", "auth-service", "--mode", "sometimes"), "--mode must be a comma list of wait,");
        assertUsageError(soak("--service", "auth-service", "--format", "markdown"), "--format markdown is not supported");
        assertUsageError(soak("--service", "auth-service", "--fail-on", "latency>5s"), "--fail-on metric must be one of");
        assertUsageError(soak("--service", "auth-service", "--mode", "wait", "--fail-on", "ttr_reduction<0.8"),
                "needs --mode with wait and a policy");
        assertUsageError(soak("--service", "auth-service", "--fault", "slowdown@50s+20s"), "after the end of the run");
        assertUsageError(soak("--service", "auth-service", "--rate", "fast"), "--rate must be a positive number "
                + "of arrivals per second, a list (500,1000,2000) or a range (500..4000/500), got 'fast'");
        assertUsageError(soak("--service", "auth-service", "--pg-ctl", "pg_ctlcluster 17 main"),
                "--pg-ctl controls the server at --database-url");
    }

    @Test
    void aZeroDeadlineExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--deadline", "0s"), "--deadline must be positive, got '0s'");
    }

    @Test
    void aDeadlineThatIsNoDurationExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--deadline", "soon"),
                "--deadline must be a duration such as 500ms, 30s or 2m, got 'soon'");
    }

    @Test
    void anUnknownModeInAListExitsTwoNamingIt() {
        assertUsageError(soak("--service", "auth-service", "--mode", "wait,nonsense"),
                "--mode must be a comma list of wait, codel, threshold (alias backpressure), vegas, "
                        + "gradient2, bulkhead (or both = wait,threshold), got 'nonsense' in 'wait,nonsense'");
    }

    @Test
    void anUnknownPolicyInTheEnvironmentExitsTwoNamingTheVariable() {
        assertUsageError(CliTesting.runWithEnv(Map.of("DB_POOL_BACKPRESSURE_POLICY", "nope"), "soak",
                "--service", "auth-service"), "DB_POOL_BACKPRESSURE_POLICY must be one of codel, threshold, none, got 'nope'");
    }

    @Test
    void aBadPolicyParameterInTheEnvironmentExitsTwoNamingTheVariable() {
        assertUsageError(CliTesting.runWithEnv(Map.of("DB_POOL_CODEL_TARGET_MS", "abc"), "soak",
                "--service", "auth-service"), "DB_POOL_CODEL_TARGET_MS");
        assertThat(CliTesting.runWithEnv(Map.of("DB_POOL_CODEL_TARGET_MS", "abc"), "soak", "--service", "auth-service")
                .err()).contains("'abc'");
    }

    @Test
    void aReportDirectoryThatCannotBeWrittenFailsBeforeAnyLoad() {
        long start = System.nanoTime();
        DbpoolCli.Result result = soak("--service", "auth-service", "--report", "/proc/nope");

        assertUsageError(result, "--report /proc/nope: cannot write there");
        assertThat(result.err()).doesNotContain("starting an embedded PostgreSQL", "running");
        assertThat(System.nanoTime() - start).isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aRestartFaultOnAServerItCannotRestartExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--database-url", TestDatabase.get().databaseUrl(),
                "--fault", "restart@5s+2s"), "--fault restart needs the embedded database");
    }

    @Test
    void anUnreachableDatabaseExitsThreeWithoutThePassword() {
        DbpoolCli.Result result = soak("--service", "auth-service",
                "--database-url", "postgres://soak:s3cret@127.0.0.1:1/nowhere");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                .doesNotContain("s3cret");
    }

    @Test
    void aBreachedFailOnExitsOneAfterWritingTheReport(@TempDir Path dir) throws Exception {
        DbpoolCli.Result result = soak("--service", "auth-service",
                "--database-url", TestDatabase.get().databaseUrl(),
                "--mode", "backpressure", "--deadline", "500ms", "--duration", "5s", "--warmup", "1s", "--rate", "200", "--threads", "40",
                "--acquire-timeout", "1s", "--rows", "1000", "--fault", "slowdown@3s+1500ms",
                "--format", "json", "--report", dir.toString(),
                "--fail-on", "rejected>0", "--fail-on", "errors>1000000");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(result.err()).contains("--fail-on breached: rejected>0 (was ")
                .doesNotContain("errors>1000000");
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("service").asText()).isEqualTo("auth-service");
        assertThat(json.get("runs")).singleElement().satisfies(run -> {
            assertThat(run.get("mode").asText()).isEqualTo("threshold");
            assertThat(run.get("deadline_ms").asLong()).isEqualTo(500);
            assertThat(run.get("goodput").asLong() + run.get("late").asLong()).isEqualTo(run.get("succeeded").asLong());
            assertThat(run.get("rejected").asLong()).isPositive();
            assertThat(run.get("valid").asBoolean()).isTrue();
        });
        assertThat(json.has("comparison")).isFalse();
        assertThat(json.get("default_policy").asText()).isEqualTo("codel");
        assertThat(new ObjectMapper().readTree(dir.resolve("report.json").toFile())).isEqualTo(json);
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<img", "data:image/png;base64,");
    }
}
