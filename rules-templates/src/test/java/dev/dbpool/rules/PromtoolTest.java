package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.Promtool.Result;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What emit writes passes the real promtool, and the tests it writes are sharp enough to catch a changed rule. */
class PromtoolTest {

    @TempDir
    Path out;

    @BeforeEach
    void requirePromtool() {
        Promtool.assumeInstalled();
    }

    @Test
    void defaultRulesPassCheckAndTheirOwnUnitTests() throws Exception {
        assertPromtoolPasses(Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults()));
    }

    @Test
    void planRulesWithPerServiceThresholdsPassCheckAndTheirOwnUnitTests() throws Exception {
        assertPromtoolPasses(Emitter.emit(Fleets.plan(), EmitOptions.ofDefaults()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5s", "15s", "1m10s", "20m"})
    void rulesWithAForOverridePassTheirOwnUnitTests(String forOverride) throws Exception {
        EmitOptions options = EmitOptions.ofDefaults().withForOverride(dev.dbpool.rules.promql.PromDuration.parse(forOverride));
        assertPromtoolPasses(Emitter.emit(Fleets.plan(), options));
    }

    @Test
    void generatedTestsFailWhenARuleChangesUnderThem() throws Exception {
        GeneratedFiles files = Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults());
        String rules = files.get(Emitter.ALERTS);
        Map<String, String> mutations = new LinkedHashMap<>();
        mutations.put("a for one step shorter", rules.replace("for: 2m", "for: 1m45s"));
        mutations.put("a for one step longer", rules.replace("for: 5m", "for: 5m15s"));
        mutations.put(">= instead of >", rules.replace("db_pool_utilization_ratio > 0.8", "db_pool_utilization_ratio >= 0.8"));
        mutations.put("a lower error threshold", rules.replace("> 0.01", "> 0.008"));
        mutations.put("a higher latency threshold", rules.replace("[5m]))) > 5", "[5m]))) > 10"));
        mutations.put("per-pod instead of per-service", rules.replace("sum by (service) (rate(", "sum by (service, instance) (rate("));
        mutations.put("a changed annotation", rules.replace(" | humanizePercentage }} of its", " }} of its"));
        mutations.put("the budget at >=", rules.replace("}) > 80", "}) >= 80"));
        mutations.put("a lower shed-share threshold", rules.replace("[5m]))) > 0.01", "[5m]))) > 0.004"));
        mutations.put("a higher shed-share threshold", rules.replace("[5m]))) > 0.01", "[5m]))) > 0.06"));
        mutations.put("any shed instead of a share", rules.replace(
                " / (sum by (service) (rate(db_pool_acquire_duration_seconds_count[5m])) + "
                        + "sum by (service) (rate(db_pool_exhausted_total[5m]))) > 0.01", " > 0"));
        mutations.put("shed requests left out of the denominator", rules.replace(
                " + sum by (service) (rate(db_pool_exhausted_total[5m]))) > 0.01", ") > 0.01"));
        for (Map.Entry<String, String> mutation : mutations.entrySet()) {
            assertThat(mutation.getValue()).as(mutation.getKey()).isNotEqualTo(rules);
            files.writeTo(out);
            Files.writeString(out.resolve(Emitter.ALERTS), mutation.getValue());
            Result result = Promtool.run(out, "test", "rules", Emitter.TESTS);
            assertThat(result.exitCode()).as("promtool test rules must fail for " + mutation.getKey() + "\n" + result.output())
                    .isNotZero();
        }
    }

    @Test
    void everyDashboardQueryParsesAsPromQl() throws Exception {
        List<String> queries = Emitter.dashboard(Fleet.defaults()).queries();
        StringBuilder scratch = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i)
                    .replace("$__rate_interval", "5m")
                    .replace("$service", "auth-service");
            assertThat(expr).as("every Grafana variable is substituted").doesNotContain("$");
            scratch.append("      - record: dashboard:query_").append(i).append('\n')
                    .append("        expr: '").append(expr.replace("'", "''")).append("'\n");
        }
        Path file = out.resolve("dashboard-queries.yml");
        Files.writeString(file, scratch);

        Result result = Promtool.run(out, "check", "rules", file.getFileName().toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    private void assertPromtoolPasses(GeneratedFiles files) throws IOException, InterruptedException {
        files.writeTo(out);
        Result check = Promtool.run(out, "check", "rules", Emitter.ALERTS);
        assertThat(check.exitCode()).as(check.output()).isZero();
        Result test = Promtool.run(out, "test", "rules", Emitter.TESTS);
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }
}
