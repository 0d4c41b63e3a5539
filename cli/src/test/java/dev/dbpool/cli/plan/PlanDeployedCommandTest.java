package dev.dbpool.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.cli.DbpoolCli;
import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dbpool plan} on the deployed fleet: manifests, PgBouncer, several databases, the JSON additions. */
class PlanDeployedCommandTest {

    private static final String K8S = "../examples/k8s/";
    private static final String PGBOUNCER = "../examples/pgbouncer/pgbouncer.ini";
    private static final String DATABASES = "../examples/services-databases.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theManifestsFitAt400() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", K8S, "--max-connections", "400");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out())
                .contains("Budget:   max_connections 400 (--max-connections) - reserved 80 (20% default) = 320 available")
                .contains("Verdict:  FITS, 1 service too small at peak: 279 of 320 allocated, headroom 41")
                .contains("search-service               2   14    3         28")
                .contains("Deployment 'frontend' sets no DATABASE_URL or DB_* variable");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theManifestsAtTheCeilingWithSurgeAreOverBudgetButFitBehindPgBouncer() {
        DbpoolCli.Result direct = DbpoolCli.runCaptured("plan", K8S, "--max-connections", "400", "--worst-case");
        DbpoolCli.Result pooled = DbpoolCli.runCaptured("plan", K8S, "--max-connections", "400", "--worst-case",
                "--pgbouncer", PGBOUNCER);

        assertThat(direct.exitCode()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(direct.out()).contains("SURGE", "Verdict:  OVER BUDGET, 1 service too small at peak: 674 allocated, 320 available, 354 over");
        assertThat(pooled.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(pooled.out()).contains("Verdict:  FITS BEHIND PGBOUNCER, 1 service too small at peak: over budget directly (674 allocated, "
                + "320 available, 354 over), but PgBouncer opens at most 120 of the 320 server connections");
    }

    @Test
    void severalDatabasesGetOneTableAndOneVerdictEach() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", DATABASES);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Database: main", "Database: orders", "Fleet:    FITS on every database");
        assertThat(result.out().lines().filter(l -> l.startsWith("Verdict:"))).hasSize(2);
        assertThat(result.out().lines().filter(l -> l.startsWith("TOTAL"))).hasSize(2);
    }

    @Test
    void jsonHasTheDeployedFleetKeys() throws Exception {
        JsonNode single = JSON.readTree(DbpoolCli.runCaptured("plan", K8S, "--max-connections", "400", "--worst-case",
                "--pgbouncer", PGBOUNCER, "--format", "json").out());
        JsonNode multi = JSON.readTree(DbpoolCli.runCaptured("plan", DATABASES, "--format", "json").out());

        assertThat(single.get("pooler").get("client_connections").asInt()).isEqualTo(674);
        assertThat(single.get("pooler").get("max_client_conn").asInt()).isEqualTo(1000);
        assertThat(single.get("pooler").get("server_connections").asInt()).isEqualTo(120);
        assertThat(single.get("pooler").get("fits").asBoolean()).isTrue();
        assertThat(single.get("databases")).hasSize(1);
        JsonNode auth = single.get("services").get(0);
        assertThat(auth.get("name").asText()).isEqualTo("auth-service");
        assertThat(auth.get("source").get("file").asText()).endsWith("auth-service.yaml");
        assertThat(auth.get("source").get("line").asInt()).isEqualTo(4);
        assertThat(auth.get("surge").asInt()).isEqualTo(1);
        assertThat(auth.get("counted_replicas").asInt()).isEqualTo(7);
        assertThat(auth.get("littles_law_connections").asInt()).isEqualTo(3);
        assertThat(auth.get("recommended_max_connections").asInt()).isEqualTo(5);

        assertThat(multi.has("max_connections")).isFalse();
        assertThat(multi.get("databases")).hasSize(2);
        JsonNode main = multi.get("databases").get(0);
        for (String key : new String[] {"name", "max_connections", "reserved_connections", "available", "total_allocated",
                "headroom", "fits", "pooler"}) {
            assertThat(main.has(key)).as(key).isTrue();
        }
        assertThat(main.get("pooler").get("server_connections").asInt()).isEqualTo(100);
        assertThat(multi.get("databases").get(1).get("pooler").isNull()).isTrue();
    }

    @Test
    void emitGivesEachDatabaseItsOwnBudgetAlert(@TempDir Path out) throws Exception {
        DbpoolCli.Result result = DbpoolCli.runCaptured("emit", "--plan", DATABASES, "--out", out.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String rules = Files.readString(out.resolve("alerts/database.rules.yml"));
        assertThat(rules).contains("service=~\"auth-service|user-service|content-service|feed-service|search-service\"}) > 180",
                "service=~\"orders-service|billing-service\"}) > 80", "database: main", "database: orders");
        assertThat(rules.split("alert: FleetConnectionBudgetExceeded", -1)).hasSize(3);
    }
}
