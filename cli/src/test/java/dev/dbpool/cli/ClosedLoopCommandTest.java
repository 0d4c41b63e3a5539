package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;

class ClosedLoopCommandTest {

    private static DbpoolCli.Result closedLoop(String... args) {
        return CliTesting.run("closed-loop", args);
    }

    @Test
    void aRunPrintsItsFiguresAndTpsLast() {
        DbpoolCli.Result result = closedLoop("--database-url", TestDatabase.get().databaseUrl(),
                "--connections", "2", "--warmup", "0s", "--duration", "1s", "--rows", "1000", "--write-percent", "0");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.out().lines().toList();
        assertThat(lines).contains("connections=2", "errors=0", "duration_s=1",
                "transport=TCP, no socket timeout (as pgbench), blocking reads (BlockingSocketFactory)");
        assertThat(lines).anyMatch(l -> l.matches("transactions=[1-9][0-9]*"));
        assertThat(lines.get(lines.size() - 1)).matches("tps=[0-9]+\\.[0-9]");
    }

    @Test
    void badFlagsExitTwo() {
        assertUsageError(closedLoop("--workload", "tpcb"), "--workload must be pgbench-select or soak, got 'tpcb'");
        assertUsageError(closedLoop("--connections", "0"), "--connections must be a positive integer, got '0'");
        assertUsageError(closedLoop("--duration", "0s"), "--duration must be positive, got '0s'");
        assertUsageError(closedLoop("--duration", "soon"), "--duration must be a duration such as 500ms, 30s or 2m, got 'soon'");
        assertUsageError(closedLoop("--connections", "many"), "'many' is not an int");
        assertUsageError(closedLoop("--clients", "8"), "Unknown options: '--clients'");
        assertUsageError(closedLoop("--workload", "pgbench-select"), "--workload pgbench-select needs --database-url");
        assertUsageError(closedLoop("--workload", "pgbench-select", "--database-url", "postgres://x@127.0.0.1:1/db",
                "--hold", "5ms"), "pgbench-select runs pgbench's own statement");
    }

    @Test
    void aDatabaseWithoutPgbenchTablesExitsTwoAndSaysToRunPgbenchInit() {
        assertUsageError(closedLoop("--workload", "pgbench-select", "--database-url", TestDatabase.get().databaseUrl(),
                "--duration", "1s"), "no pgbench tables in this database");
    }

    @Test
    void anUnreachableDatabaseExitsThreeWithoutThePassword() {
        DbpoolCli.Result result = closedLoop("--workload", "pgbench-select",
                "--database-url", "postgres://bench:s3cret@127.0.0.1:1/nowhere");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/nowhere")
                .doesNotContain("s3cret");
    }

    @Test
    void itIsHiddenFromTheCommandList() {
        DbpoolCli.Result help = DbpoolCli.runCaptured("--help");

        assertThat(help.out()).contains("soak").doesNotContain("closed-loop");
    }
}
