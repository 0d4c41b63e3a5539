package dev.dbpool.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.cli.DbpoolCli;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code dbpool plan} on valid input: verdicts, exit codes, the three formats, a real server. */
class PlanCommandTest {

    private static final String EXAMPLE = "../examples/services.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theReadmeExampleFitsAndExitsZero() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out())
                .contains("SERVICE", "REPLICAS", "MAX", "MIN", "ALLOCATED", "SHARE", "ADVICE")
                .contains("Budget:   max_connections 400 (../examples/services.yaml) - reserved 80 (20% default) = 320 available")
                .contains("Verdict:  FITS, 1 service too small at peak: 263 of 320 allocated, headroom 57")
                .contains("too small: peak needs 15");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theVerdictNamesTheServicesTooSmallAtPeakAndTheAdviceCallsAServicesSizeItsPoolMax() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE);

        assertThat(result.out()).contains("Verdict:  FITS, 1 service too small at peak: 263 of 320 allocated")
                .contains("; its pool max is 12, so at peak requests queue");
        // max_connections is the server's limit only: the budget line, never a service's pool size.
        assertThat(result.out().lines().filter(l -> l.contains("max_connections")))
                .allSatisfy(line -> assertThat(line).startsWith("Budget:   max_connections 400"));
    }

    @Test
    void failOnUndersizedExitsOneWhenAPoolIsTooSmallForItsPeak() throws Exception {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE, "--fail-on", "undersized");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(result.out()).contains("FITS, 1 service too small at peak");
        JsonNode json = JSON.readTree(DbpoolCli.runCaptured("plan", EXAMPLE, "--format", "json").out());
        assertThat(json.get("undersized")).hasSize(1);
        assertThat(json.get("undersized").get(0).asText()).isEqualTo("search-service");
    }

    @Test
    void failOnTakesUndersizedOnly() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE, "--fail-on", "oversized");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--fail-on must be undersized, got 'oversized'");
    }

    @Test
    void theTextTableIsAligned() {
        String out = DbpoolCli.runCaptured("plan", EXAMPLE).out();

        String header = out.lines().filter(l -> l.startsWith("SERVICE")).findFirst().orElseThrow();
        String auth = out.lines().filter(l -> l.startsWith("auth-service")).findFirst().orElseThrow();
        String total = out.lines().filter(l -> l.startsWith("TOTAL")).findFirst().orElseThrow();
        // Numbers are right-aligned under their header: the column ends where the header ends.
        int allocatedEnd = header.indexOf("ALLOCATED") + "ALLOCATED".length();
        assertThat(auth.substring(0, allocatedEnd)).endsWith(" 48");
        assertThat(total.substring(0, allocatedEnd)).endsWith(" 263");
    }

    @Test
    void planExitsOneWhenTheFleetExceedsItsBudget() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(result.out())
                .contains("Budget:   max_connections 100 (PostgreSQL default) - reserved 20 (20% default) = 80 available")
                .contains("Verdict:  OVER BUDGET: 111 allocated, 80 available, 31 over");
    }

    @Test
    void presetsFitShowsATotalOfAtMost80WithNoServiceBelowItsMin() throws Exception {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--fit", "--format", "json");

        JsonNode plan = JSON.readTree(result.out());
        assertThat(plan.get("fit").get("total_allocated").asInt()).isLessThanOrEqualTo(80);
        assertThat(plan.get("fit").get("fits").asBoolean()).isTrue();
        int total = 0;
        for (JsonNode service : plan.get("services")) {
            int fitted = service.get("fitted_max_connections").asInt();
            assertThat(fitted).as(service.get("name").asText())
                    .isGreaterThanOrEqualTo(Math.max(1, service.get("min_connections").asInt()))
                    .isLessThanOrEqualTo(service.get("max_connections").asInt());
            total += fitted * service.get("counted_replicas").asInt();
        }
        assertThat(total).isEqualTo(plan.get("fit").get("total_allocated").asInt()).isLessThanOrEqualTo(80);
        // --fit is advice: the configuration as written is still over budget.
        assertThat(result.exitCode()).isEqualTo(ExitCodes.VIOLATION);
    }

    @Test
    void presetsFitAsATable() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--fit");

        assertThat(result.out()).contains("FIT MAX", "FIT ALLOC")
                .contains("Fit:      every max scaled down in proportion, none below its min (or 1): 80 of 80 allocated");
        String auth = result.out().lines().filter(l -> l.startsWith("auth-service")).findFirst().orElseThrow();
        assertThat(auth.split("\\s+")).containsExactly("auth-service", "1", "16", "5", "16", "20.0%", "11", "11");
    }

    @Test
    void worstCaseCountsEveryServiceAtMaxReplicas() throws Exception {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE, "--worst-case", "--format", "json");

        JsonNode plan = JSON.readTree(result.out());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(plan.get("worst_case").asBoolean()).isTrue();
        assertThat(plan.get("total_allocated").asInt()).isEqualTo(492);
        JsonNode auth = plan.get("services").get(0);
        assertThat(auth.get("replicas").asInt()).isEqualTo(3);
        assertThat(auth.get("counted_replicas").asInt()).isEqualTo(6);
        assertThat(auth.get("allocated").asInt()).isEqualTo(96);
        assertThat(DbpoolCli.runCaptured("plan", EXAMPLE, "--worst-case").out())
                .contains("MAX_REPLICAS", "worst case: every service at max_replicas");
    }

    @Test
    void jsonHasEveryKeyOfTheDesign() throws Exception {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", EXAMPLE, "--fit", "--format", "json");

        JsonNode plan = JSON.readTree(result.out());
        assertThat(plan.fieldNames()).toIterable().contains("max_connections", "reserved_connections", "available",
                "total_allocated", "headroom", "fits", "violations", "services");
        assertThat(plan.get("max_connections").asInt()).isEqualTo(400);
        assertThat(plan.get("reserved_connections").asInt()).isEqualTo(80);
        assertThat(plan.get("available").asInt()).isEqualTo(320);
        assertThat(plan.get("total_allocated").asInt()).isEqualTo(263);
        assertThat(plan.get("headroom").asInt()).isEqualTo(57);
        assertThat(plan.get("fits").asBoolean()).isTrue();
        assertThat(plan.get("violations").isArray()).isTrue();
        assertThat(plan.get("services")).hasSize(11);
        for (JsonNode service : plan.get("services")) {
            assertThat(service.fieldNames()).toIterable().contains("name", "max_connections", "min_connections",
                    "replicas", "allocated", "fitted_max_connections");
        }
        JsonNode search = plan.get("services").get(4);
        assertThat(search.get("name").asText()).isEqualTo("search-service");
        assertThat(search.get("recommended_max_connections").asInt()).isEqualTo(15); // Erlang C
        assertThat(search.get("littles_law_connections").asInt()).isEqualTo(14);
        assertThat(plan.get("services").get(5).has("recommended_max_connections")).as("no traffic figures").isFalse();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void jsonWithoutFitHasNoFittedKeys() throws Exception {
        JsonNode plan = JSON.readTree(DbpoolCli.runCaptured("plan", "--presets", "--format", "json").out());

        assertThat(plan.has("fit")).isFalse();
        assertThat(plan.get("services").get(0).has("fitted_max_connections")).isFalse();
        assertThat(plan.get("violations").get(0).asText())
                .isEqualTo("over budget: 111 connections allocated, 80 available; 31 over");
    }

    @Test
    void markdownIsATableWithTheVerdict() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--format", "markdown");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.VIOLATION);
        assertThat(result.out())
                .contains("### dbpool plan: `presets`")
                .contains("**OVER BUDGET: 111 allocated, 80 available, 31 over**")
                .contains("| SERVICE | REPLICAS | MAX | MIN | ALLOCATED | SHARE |")
                .contains("| --- | ---: | ---: | ---: | ---: | ---: |")
                .contains("| auth-service | 1 | 16 | 5 | 16 | 20.0% |")
                .contains("| TOTAL | 11 |  |  | 111 | 138.8% |");
    }

    @Test
    void databaseUrlReportsTheServersRealMaxConnections() throws Exception {
        TestDatabase db = TestDatabase.get();
        int real = showMaxConnections(db);

        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--database-url", db.databaseUrl(),
                "--format", "json");

        JsonNode plan = JSON.readTree(result.out());
        assertThat(plan.get("max_connections").asInt()).isEqualTo(real);
        assertThat(plan.get("max_connections_from").asText()).isEqualTo("server");
        assertThat(plan.get("server").get("max_connections").asInt()).isEqualTo(real);
        assertThat(plan.get("services").get(0).has("current_connections")).isTrue();
        assertThat(result.exitCode()).isEqualTo(plan.get("fits").asBoolean() ? ExitCodes.OK : ExitCodes.VIOLATION);

        DbpoolCli.Result text = DbpoolCli.runCaptured("plan", "--presets", "--database-url", db.databaseUrl());
        assertThat(text.out()).contains("max_connections " + real + " (server)", "NOW", "Server:   jdbc:postgresql://");
        if (db.parsed().password() != null) {
            assertThat(text.out() + text.err()).doesNotContain(db.parsed().password());
        }
    }

    @Test
    void anUnreachableDatabaseExitsThreeWithoutPrintingThePassword() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets",
                "--database-url", "postgres://u:secret@127.0.0.1:1/db", "--connect-timeout", "2");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).startsWith("dbpool: ").contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/db");
        assertThat(result.out() + result.err()).doesNotContain("secret").doesNotContain("Exception");
    }

    @Test
    void aMalformedDatabaseUrlIsUsageWithoutThePassword() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--database-url", "mysql://u:secret@h/db");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("dbpool: --database-url must be a postgres:// or jdbc:postgresql:// URL");
        assertThat(result.out() + result.err()).doesNotContain("secret");
    }

    @Test
    void helpDescribesTheFlagsAndExitCodes() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("--presets", "--fit", "--worst-case", "--database-url", "--format",
                "Exit codes:", "3   the database could not be reached");
    }

    @Test
    void theRootCommandListsPlanAndItsCompletionKnowsIt() {
        assertThat(DbpoolCli.runCaptured("--help").out()).contains("plan");
        assertThat(DbpoolCli.runCaptured("generate-completion").out()).contains("plan", "--worst-case");
    }

    private static int showMaxConnections(TestDatabase db) throws Exception {
        try (Connection c = db.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW max_connections")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
