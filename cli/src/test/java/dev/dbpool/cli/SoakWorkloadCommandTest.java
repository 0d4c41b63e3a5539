package dev.dbpool.cli;

import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --workload}, {@code --init} and {@code lock:}: the built-in script printed, and bad input named before load. */
class SoakWorkloadCommandTest {

    @TempDir
    Path dir;

    private static DbpoolCli.Result soak(String... args) {
        return CliTesting.run("soak", args);
    }

    private String file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text).toString();
    }

    @Test
    void printsTheBuiltInWorkloadAsAScript() {
        DbpoolCli.Result result = soak("--workload", "builtin", "--print");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\\set id random(1, 100000)", "SELECT balance FROM accounts WHERE id = :id;",
                "SELECT pg_sleep(0.006);", "COMMIT;");
    }

    @Test
    void anUnknownMetaCommandExitsTwoWithFileLineAndColumn() throws Exception {
        String script = file("bad.sql", "SELECT 1;\n\\frobnicate 3\n");

        assertUsageError(soak("--service", "auth-service", "--workload", script),
                "--workload " + script + ":2:1: unknown meta-command \\frobnicate");
    }

    @Test
    void aVariableUsedBeforeItsSetExitsTwo() throws Exception {
        String script = file("browse.sql", "SELECT * FROM products WHERE id = :product;\n");

        assertUsageError(soak("--service", "auth-service", "--workload", script),
                "--workload " + script + ":1:35: variable :product is used before any \\set gives it a value");
    }

    @Test
    void aWeightThatIsNotAPositiveIntegerAndMissingFilesExitTwo() throws Exception {
        String script = file("browse.sql", "SELECT 1;\n");

        assertUsageError(soak("--service", "auth-service", "--workload", script + "@0"),
                "--workload '" + script + "@0': the weight after @ must be a positive integer, got '0'");
        assertUsageError(soak("--service", "auth-service", "--workload", script + "@1.5"), "got '1.5'");
        assertUsageError(soak("--service", "auth-service", "--workload", dir.resolve("nope.sql").toString()),
                "--workload " + dir.resolve("nope.sql") + ": no such file");
        assertUsageError(soak("--service", "auth-service", "--workload", script, "--init", dir.resolve("shop.sql").toString()),
                "--init " + dir.resolve("shop.sql") + ": no such file");
    }

    @Test
    void theSlowdownFaultIsRefusedForAScriptWithAPointerToLock() throws Exception {
        String script = file("browse.sql", "SELECT 1;\n");

        assertUsageError(soak("--service", "auth-service", "--workload", script, "--fault", "slowdown@5s+5s"),
                "lock:TABLE@START+LENGTH (for example lock:orders@12s+8s)");
        assertUsageError(soak("--service", "auth-service", "--fault", "lock:@5s+5s"), "--fault lock needs a table");
    }

    @Test
    void anInitTheServerRefusesAndALockOnAMissingTableExitTwoAndLeaveNoSchema() throws Exception {
        String url = TestDatabase.get().databaseUrl();
        String script = file("browse.sql", "SELECT 1;\n");
        String init = file("shop.sql", "CREATE TABLE orders (id int);\nINSERT INTO orders VALUES (nope);\n");
        String goodInit = file("good.sql", "CREATE TABLE orders (id int);\n");
        List<String> before = soakSchemas(url);

        assertUsageError(soak("--service", "auth-service", "--database-url", url, "--workload", script, "--init", init),
                "--init " + init + ":2:28: the server refused it: ERROR: column \"nope\" does not exist");
        assertUsageError(soak("--service", "auth-service", "--database-url", url, "--workload", script, "--init", goodInit,
                "--fault", "lock:products@5s+5s"), "--fault lock:products@5s+5s: no table products on the soak's search_path");

        assertThat(soakSchemas(url)).isEqualTo(before);
    }

    private static List<String> soakSchemas(String url) throws Exception {
        dev.dbpool.runtime.DatabaseUrl parsed = dev.dbpool.runtime.DatabaseUrl.parse(url);
        List<String> schemas = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'dbpool_soak_%' ORDER BY 1")) {
            while (rs.next()) {
                schemas.add(rs.getString(1));
            }
        }
        return schemas;
    }
}
