package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.loadgen.fleet.PgBouncer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code dbpool soak fleet FILE...|--presets [--fit] [--pgbouncer]}: bad input, a missing PgBouncer, the alias
 * {@code dbpool soak --fleet|--presets}, and real runs.
 */
class FleetSoakCommandTest {

    private static DbpoolCli.Result fleet(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "fleet";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliTesting.run("soak", all);
    }

    @Test
    void aBadFleetFileGivesExactlyThePlansMessage(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("services.yaml");
        Files.writeString(file, "database:\n  max_connections: 100\nservices:\n  auth-service:\n    replics: 3\n");

        DbpoolCli.Result plan = CliTesting.run("plan", file.toString());
        DbpoolCli.Result soak = fleet(file.toString());

        assertThat(plan.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(soak.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(soak.err()).isEqualTo(plan.err()).contains("unknown key 'replics'").contains("did you mean 'replicas'");
        assertThat(soak.out()).isEmpty();
    }

    @Test
    void aMissingFleetFileExitsTwo(@TempDir Path dir) {
        DbpoolCli.Result soak = fleet(dir.resolve("nope.yaml").toString());
        assertThat(soak.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(soak.err()).isEqualTo(CliTesting.run("plan", dir.resolve("nope.yaml").toString()).err());
    }

    @Test
    void pgbouncerWithoutTheBinarySaysHowToInstallIt(@TempDir Path dir) {
        assertUsageError(fleet("--presets", "--pgbouncer", "--pgbouncer-bin", dir.resolve("pgbouncer").toString()),
                "apt-get install pgbouncer");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(FleetSoakCommand.PGBOUNCER_ENV, dir.resolve("missing").toString());
        DbpoolCli.Result viaEnv = CliTesting.runWithEnv(env, "soak", "fleet", "--presets", "--pgbouncer");
        assertUsageError(viaEnv, "no PgBouncer at " + dir.resolve("missing"));
    }

    @Test
    void fleetOnlyAndServiceOnlyOptionsDoNotMix() {
        assertUsageError(CliTesting.run("soak", "--service", "auth-service", "--fit"), "Unknown option: '--fit'");
        assertUsageError(fleet("--presets", "--service", "auth-service"), "Unknown option: '--service'");
        assertUsageError(fleet("--presets", "--rate", "100"), "Unknown option: '--rate'");
        assertUsageError(fleet("--presets", "--mode", "wait"), "Unknown option: '--mode'");
    }

    @Test
    void badFleetInputExitsTwoNamingTheFlag() {
        assertUsageError(fleet(), "give the fleet: a services.yaml or Kubernetes manifests (FILE...), or --presets");
        assertUsageError(fleet("--presets", "examples/services.yaml"), "give either FILE or --presets");
        assertUsageError(fleet("--presets", "--load", "0"), "--load must be a positive factor");
        assertUsageError(fleet("--presets", "--threads", "0"), "--threads must be at least 1");
        assertUsageError(fleet("--presets", "--fault", "kill@5s+2s"), "--fault kill is not supported by the fleet soak");
        assertUsageError(fleet("--presets", "--fault", "slowdown@30s+20s"), "ends after the run's 40s");
        assertUsageError(fleet("--presets", "--pg-ctl", "pg_ctl"), "--pg-ctl controls the server at --database-url");
    }

    @Test
    void theOldSpellingRunsTheSubcommandAndSaysSo() {
        DbpoolCli.Result alias = CliTesting.run("soak", "--presets", "--load", "0");

        assertUsageError(alias, "--load must be a positive factor");
        assertThat(alias.err()).startsWith(FleetSoakAlias.NOTICE + System.lineSeparator());
        assertThat(FleetSoakAlias.rewrite("--verbose", "soak", "--fleet", "a.yaml", "--fit", "--fleet=b.yaml"))
                .hasValueSatisfying(args -> assertThat(args)
                        .containsExactly("--verbose", "soak", "fleet", "a.yaml", "--fit", "b.yaml"));
        assertThat(FleetSoakAlias.rewrite("soak", "fleet", "--presets")).isEmpty();
        assertThat(FleetSoakAlias.rewrite("plan", "--presets")).isEmpty();
        assertThat(FleetSoakAlias.rewrite("soak", "--service", "auth-service")).isEmpty();
    }

    @Test
    void helpListsTheFleetsOptionsAndTheSharedOnes() {
        DbpoolCli.Result help = fleet("--help");

        assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(help.out()).contains("dbpool soak fleet", "FILE", "--presets", "--fit", "--pgbouncer", "--load",
                "--deadline", "--fault", "--database-url", "--report").doesNotContain("--service", "--mode");
        assertThat(CliTesting.run("soak", "--help").out()).contains("fleet", "dbpool soak fleet FILE...|--presets");
    }

    @Test
    void anUnreachableDatabaseExitsThree() {
        DbpoolCli.Result result = fleet("--presets", "--database-url", "postgres://nobody@127.0.0.1:1/none");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).doesNotContain("\tat ");
    }

    @Test
    void aSmallFleetAgainstTooFewConnectionsIsRefusedAndReported(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("services.yaml");
        // 2 x 6 + 6 = 18 connections against max_connections 12 (3 reserved for superusers: 9 for the pools)
        Files.writeString(file, """
                database:
                  max_connections: 12
                  reserved_connections: 3
                services:
                  a-service: {replicas: 2, max_connections: 6, min_connections: 1, peak_qps: 60, hold_ms: 20}
                  b-service: {max_connections: 6, min_connections: 1, peak_qps: 30, hold_ms: 20}
                """);
        Path report = dir.resolve("report");

        DbpoolCli.Result result = fleet(file.toString(), "--duration", "8s", "--warmup", "1s",
                "--fault", "slowdown@2s+4s", "--acquire-timeout", "3s", "--rows", "1000", "--report", report.toString());

        assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.INVALID_RUN);
        assertThat(result.out()).contains("a-service", "b-service", "REFUSED");
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        JsonNode fleet = json.get("fleet");
        assertThat(fleet.at("/server/max_connections").asInt()).isEqualTo(12);
        assertThat(fleet.at("/server/refused").asLong()).isPositive();
        assertThat(fleet.at("/server/sessions_max").asInt()).isLessThanOrEqualTo(12);
        assertThat(fleet.get("pooler").isNull()).isTrue();
        assertThat(fleet.get("services")).hasSize(2);
        JsonNode a = fleet.get("services").get(0);
        assertThat(a.get("name").asText()).isEqualTo("a-service");
        assertThat(a.get("replicas").asInt()).isEqualTo(2);
        assertThat(a.get("max_connections").asInt()).isEqualTo(6);
        for (String key : new String[] {"offered", "goodput", "errors", "errors_by_sqlstate"}) {
            assertThat(a.has(key)).as(key).isTrue();
        }
        assertThat(Files.readString(report.resolve("report.html"))).contains("Server sessions against max_connections");
    }

    @Test
    void throughPgBouncerTheServerSideStaysWithinTheBudget(@TempDir Path dir) throws IOException {
        boolean installed = PgBouncer.isExecutable(PgBouncer.locate(null, System.getenv("PATH")));
        // CI installs it and demands it (DBPOOL_REQUIRE_PGBOUNCER=1): there a missing binary is a failure, not a skip.
        assertThat(installed || System.getenv("DBPOOL_REQUIRE_PGBOUNCER") == null)
                .as("DBPOOL_REQUIRE_PGBOUNCER is set but pgbouncer is not installed (apt-get install pgbouncer)").isTrue();
        assumeTrue(installed, "pgbouncer is not installed (apt-get install pgbouncer); the PgBouncer run is skipped");
        Path file = dir.resolve("services.yaml");
        Files.writeString(file, """
                database:
                  max_connections: 12
                  reserved_connections: 5
                services:
                  a-service: {replicas: 2, max_connections: 6, min_connections: 1, peak_qps: 60, hold_ms: 20}
                  b-service: {max_connections: 6, min_connections: 1, peak_qps: 30, hold_ms: 20}
                """);

        DbpoolCli.Result result = fleet(file.toString(), "--pgbouncer", "--duration", "8s", "--warmup", "1s",
                "--fault", "slowdown@2s+4s", "--acquire-timeout", "3s", "--rows", "1000", "--format", "json");

        assertThat(result.exitCode()).as(result.err()).isIn(ExitCodes.OK, ExitCodes.INVALID_RUN);
        JsonNode fleet = new ObjectMapper().readTree(result.out()).get("fleet");
        assertThat(fleet.at("/pooler/kind").asText()).isEqualTo("pgbouncer");
        assertThat(fleet.at("/pooler/pool_mode").asText()).isEqualTo("transaction");
        assertThat(fleet.at("/pooler/server_connections").asLong()).isEqualTo(7);
        assertThat(fleet.at("/server/refused").asLong()).isZero();
        assertThat(fleet.at("/server/fleet_sessions_max").asInt()).isLessThanOrEqualTo(7);
        assertThat(fleet.at("/totals/goodput").asLong()).isPositive();
        try (var left = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("dbpool-pgbouncer")).toList()).isEmpty();
        }
    }
}
