package dev.dbpool.junit;

import dev.dbpool.rules.promtool.Promtool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of a plan, checked by the real promtool from a test. */
class AlertRulesTest {

    private static final Path PLAN = Path.of("../examples/services.yaml");

    @TempDir
    Path dir;

    @Test
    void thePlansRulesPassPromtoolCheckAndTheirOwnUnitTests() {
        List<Promtool.Result> results = AlertRules.forPlan(PLAN).assertPromtoolPasses(dir);

        assertThat(results).extracting(r -> String.join(" ", r.command()))
                .containsExactly("promtool check rules " + AlertRules.RULES, "promtool test rules " + AlertRules.TESTS);
        assertThat(results.get(1).output()).contains("SUCCESS");
        assertThat(dir.resolve(AlertRules.DASHBOARD)).exists();
        assertThat(AlertRules.forPlan(PLAN).rules()).contains("auth-service", "PoolExhaustion");
    }

    @Test
    void aRuleThatNoLongerMatchesItsTestsFailsWithPromtoolsOwnOutput() throws Exception {
        Promtool promtool = AlertRules.requirePromtool();
        AlertRules rules = AlertRules.defaults();
        rules.writeTo(dir);
        Path file = dir.resolve(AlertRules.RULES);
        Files.writeString(file, Files.readString(file).replace("db_pool_utilization_ratio > 0.8", "db_pool_utilization_ratio > 0.9"));

        assertThatThrownBy(() -> AlertRules.check(promtool, dir))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("the alert rules fail their promtool unit tests: promtool test rules "
                        + AlertRules.TESTS + " exited 1:")
                .hasMessageContaining("FAILED");
    }

    @Test
    void rulesThatDoNotParseFailTheCheckWithPromtoolsOwnOutput() throws Exception {
        Promtool promtool = AlertRules.requirePromtool();
        AlertRules.defaults().writeTo(dir);
        Files.writeString(dir.resolve(AlertRules.RULES), "groups:\n  - name: x\n    rules:\n      - alert: A\n        expr: 'sum(('\n");

        assertThatThrownBy(() -> AlertRules.check(promtool, dir))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("the alert rules do not pass promtool: promtool check rules " + AlertRules.RULES)
                .hasMessageContaining("FAILED");
    }

    @Test
    void withoutPromtoolTheCheckIsSkippedAndSaysHowToInstallIt() {
        assertThatThrownBy(() -> AlertRules.requirePromtool(Optional.empty(), false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("promtool is not on the PATH")
                .hasMessageContaining("apt-get install -y prometheus")
                .hasMessageContaining("DBPOOL_REQUIRE_PROMTOOL=1");
    }

    @Test
    void withoutPromtoolABuildThatDemandsItFails() {
        assertThatThrownBy(() -> AlertRules.requirePromtool(Optional.empty(), true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("DBPOOL_REQUIRE_PROMTOOL=1 but promtool is not on the PATH")
                .hasMessageContaining("apt-get install -y prometheus");
    }
}
