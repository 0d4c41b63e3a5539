package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.ScriptFigures;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.workload.InitScript;
import dev.dbpool.loadgen.workload.Script;
import dev.dbpool.loadgen.workload.ScriptMix;
import dev.dbpool.loadgen.workload.ScriptProblem;
import dev.dbpool.loadgen.workload.WeightedScript;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Workload scripts on the tests' real PostgreSQL: the init script's tables in the soak's schema, the
 * scripts at their weights through the pool's search_path, a lock fault on one of their tables, and
 * script errors counted by SQLState. Scaled down like {@link ShortSoaks}; the assertions are about
 * behaviour, not timing.
 */
class SoakWorkloadsTest {

    private static final InitScript INIT = InitScript.parse("items.sql", """
            CREATE TABLE items (id bigint PRIMARY KEY, hits bigint NOT NULL DEFAULT 0);
            INSERT INTO items (id) SELECT g FROM generate_series(1, 1000) g;
            """);
    private static final Script READ = Script.parse("read.sql", """
            \\set id random(1, 1000)
            SELECT hits FROM items WHERE id = :id;
            SELECT pg_sleep(0.004);
            """);
    private static final Script WRITE = Script.parse("write.sql", """
            \\set id random_zipfian(1, 1000, 1.5)
            BEGIN;
            UPDATE items SET hits = hits + 1 WHERE id = :id;
            SELECT pg_sleep(0.004);
            COMMIT;
            """);

    private static SoakDatabase database;

    @BeforeAll
    static void openDatabase() {
        database = ShortSoaks.openDatabase();
    }

    @AfterAll
    static void dropSchema() {
        if (database != null) {
            database.close();
        }
    }

    private static SoakScenario.Builder scenario(ScriptMix scripts, String... faults) {
        return ShortSoaks.scenario(faults).scripts(scripts).init(INIT);
    }

    @Test
    void scriptsRunAtTheirWeightsInTheSoaksSchemaAndALockOnTheirTableStallsThem() throws Exception {
        SoakScenario scenario = scenario(ScriptMix.of(new WeightedScript(READ, 3), new WeightedScript(WRITE, 1)),
                "lock:items@4s+4s").modes(List.of(Mode.WAIT)).build();

        SoakReport report = ShortSoaks.run(database, scenario);

        RunAnalysis wait = report.runs().get(0);
        assumeTrue(wait.valid(), "the load generator fell behind on this machine: " + wait.run().problem());
        List<ScriptFigures> scripts = wait.scripts();
        assertThat(scripts).extracting(ScriptFigures::name).containsExactly("read.sql", "write.sql");
        long offered = scripts.get(0).offered() + scripts.get(1).offered();
        assertThat(offered).isEqualTo(wait.offered());
        assertThat(scripts.get(0).offered() / (double) offered).isCloseTo(0.75, within(0.05));
        assertThat(scripts).allSatisfy(s -> assertThat(s.errors()).isZero());
        assertThat(wait.run().faultEvents()).singleElement().satisfies(e -> {
            assertThat(e.fault().kind()).isEqualTo(FaultKind.LOCK);
            assertThat(e.error()).isNull();
        });
        assertThat(wait.phases().during().goodput()).isLessThan(wait.phases().during().offered() / 2);
        try (Connection c = database.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT sum(hits) FROM " + database.schema() + ".items")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the writes went to the soak's own items").isPositive();
        }
        assertThat(ReportJson.write(report)).contains("\"workloads\"", "\"errors_by_sqlstate\"");
        assertThat(TextSummary.write(report)).contains("by script:", "write.sql");
        assertThat(HtmlReport.write(report)).contains("<h2 id=\"scripts\">By script</h2>");
    }

    @Test
    void scriptErrorsAreCountedBySqlStateAndAboveFivePercentMakeTheRunInvalid() throws Exception {
        Script failing = Script.parse("fails.sql", "SELECT 1 / 0;");
        SoakScenario some = scenario(ScriptMix.of(new WeightedScript(READ, 99), new WeightedScript(failing, 1)))
                .duration(Duration.ofSeconds(4)).modes(List.of(Mode.DEFAULT_POLICY)).build();
        SoakScenario many = some.toBuilder()
                .scripts(ScriptMix.of(new WeightedScript(READ, 9), new WeightedScript(failing, 1))).build();

        RunAnalysis fewErrors = ShortSoaks.run(database, some).runs().get(0);
        RunAnalysis tooMany = ShortSoaks.run(database, many).runs().get(0);

        ScriptFigures fails = fewErrors.scripts().get(1);
        assertThat(fails.errors()).isEqualTo(fails.offered()).isPositive();
        assertThat(fails.errorsBySqlState()).containsOnlyKeys("22012");
        // Judged apart from the generator's health, which a busy machine may spoil on its own.
        assertThat(fewErrors.run().scripts().problem(fewErrors.offered())).isEmpty();
        assertThat(tooMany.run().scripts().problem(tooMany.offered()))
                .contains("more than 5%", "fails.sql: ", "division by zero", "22012");
        assertThat(tooMany.valid()).isFalse();
    }

    @Test
    void aLockOnATableTheScriptsDoNotHaveIsRefusedBeforeAnyLoad() {
        SoakScenario scenario = scenario(ScriptMix.of(new WeightedScript(READ, 1)), "lock:nope@4s+2s").build();

        assertThatThrownBy(() -> ShortSoaks.run(database, scenario))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("--fault lock:nope@4s+2s: no table nope on the soak's search_path (" + database.schema());
    }

    @Test
    void anInitStatementTheServerRefusesIsNamedWithItsLineAndTheServersMessage() {
        InitScript broken = InitScript.parse("broken.sql", "CREATE TABLE a (id int);\n\nINSERT INTO a VALUES\n  (1), (oops);\n");
        SoakScenario scenario = scenario(ScriptMix.of(new WeightedScript(READ, 1))).init(broken).build();

        assertThatThrownBy(() -> ShortSoaks.run(database, scenario))
                .isInstanceOf(ScriptProblem.class)
                .hasMessageStartingWith("broken.sql:4:9: the server refused it: ERROR: column \"oops\" does not exist")
                .extracting(e -> ((ScriptProblem) e).parameter()).isEqualTo("init");
    }

    @Test
    void theSlowdownFaultIsRefusedForScriptsWithAPointerToLock() {
        assertThatThrownBy(() -> scenario(ScriptMix.of(new WeightedScript(READ, 1)), "slowdown@4s+2s").build())
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("lock:TABLE@START+LENGTH");
        assertThat(SoakScenario.builder("auth-service").scripts(ScriptMix.of(new WeightedScript(READ, 1))).build()
                .faults()).as("no default slowdown for scripts").isEmpty();
        assertThat(Fault.parse("lock:Shop.Orders@12s+8s")).hasToString("lock:shop.orders@12s+8s");
    }
}
