package dev.dbpool.loadgen.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptTest {

    @Test
    void readsSeveralCommandsAndTurnsVariablesIntoBindParameters() {
        Script script = Script.parse("checkout.sql", """
                -- place an order
                \\set product random(1, 1000)
                \\set qty random(1, 5)
                BEGIN;
                INSERT INTO orders (customer, product, qty)
                  VALUES (:client_id, :product, :qty); -- the order
                UPDATE products SET stock = stock - :qty WHERE id = :product;
                COMMIT;
                """);

        assertThat(script.sql()).containsExactly("BEGIN",
                "INSERT INTO orders (customer, product, qty)\n  VALUES (?, ?, ?)",
                "UPDATE products SET stock = stock - ? WHERE id = ?", "COMMIT");
        assertThat(script.steps()).filteredOn(s -> s instanceof Step.Sql).map(s -> ((Step.Sql) s).parameters())
                .containsExactly(java.util.List.of(), java.util.List.of("client_id", "product", "qty"),
                        java.util.List.of("qty", "product"), java.util.List.of());
    }

    @Test
    void leavesCastsQuotesAndDollarQuotesAlone() {
        Script script = Script.parse("s.sql", """
                \\set id 1
                SELECT ':id; not a variable', $$ :id; $$, "a:b", :id::bigint;
                """);

        assertThat(script.sql()).containsExactly("SELECT ':id; not a variable', $$ :id; $$, \"a:b\", ?::bigint");
    }

    @Test
    void runsALastCommandWithoutItsSemicolonAsPgbenchDoes() {
        assertThat(Script.parse("s.sql", "SELECT 1;\nSELECT 2\n").sql()).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void refusesAnUnknownMetaCommandWithItsPosition() {
        assertThatThrownBy(() -> Script.parse("shop.sql", "SELECT 1;\n  \\frobnicate 3\n"))
                .isInstanceOf(ScriptProblem.class)
                .hasMessageStartingWith("shop.sql:2:3: unknown meta-command \\frobnicate");
    }

    @Test
    void refusesAVariableUsedBeforeAnySetGivesItAValue() {
        assertThatThrownBy(() -> Script.parse("browse.sql", "SELECT * FROM t WHERE id = :aid;\n\\set aid 1\n"))
                .hasMessage("browse.sql:1:28: variable :aid is used before any \\set gives it a value");
        assertThatThrownBy(() -> Script.parse("b.sql", "\\set a :b + 1\nSELECT :a;"))
                .hasMessage("b.sql:1:8: variable :b is used before any \\set gives it a value");
    }

    @Test
    void namesTheProblemInAnExpression() {
        assertThatThrownBy(() -> Script.parse("e.sql", "\\set x random(1, 10\nSELECT :x;"))
                .hasMessageStartingWith("e.sql:1:20: expected ')'");
        assertThatThrownBy(() -> Script.parse("e.sql", "\\set x sqrt(4)\nSELECT :x;"))
                .hasMessageStartingWith("e.sql:1:8: unknown function sqrt");
        assertThatThrownBy(() -> Script.parse("e.sql", "\\set x random_gaussian(1, 10, 1.5)\nSELECT :x;"))
                .hasMessage("e.sql:1:31: random_gaussian's parameter must be at least 2.0, got 1.5");
        assertThatThrownBy(() -> Script.parse("e.sql", "\\set x random(1)\nSELECT :x;"))
                .hasMessage("e.sql:1:8: random takes 2 arguments, got 1");
    }

    @Test
    void refusesASleepWithAnUnknownUnitAndAScriptWithoutSql() {
        assertThatThrownBy(() -> Script.parse("s.sql", "\\sleep 10 minutes\nSELECT 1;"))
                .hasMessage("s.sql:1:11: \\sleep's unit must be us, ms or s, got 'minutes'");
        assertThatThrownBy(() -> Script.parse("s.sql", "-- nothing\n\\set a 1\n"))
                .hasMessageContaining("s.sql: no SQL command");
    }

    @Test
    void evaluatesIntegerArithmeticAsPgbenchDoes() {
        Map<String, Number> values = evaluate("""
                \\set a 7
                \\set b (1 + 2) * -:a
                \\set c -7 / 2
                \\set d -7 % 3
                \\set e :a / 2.0
                SELECT 1;
                """);

        assertThat(values).containsEntry("b", -21L).containsEntry("c", -3L).containsEntry("d", -1L)
                .containsEntry("e", 3.5);
    }

    @Test
    void setsEachRandomFunctionWithinItsBounds() {
        for (int seed = 0; seed < 200; seed++) {
            Map<String, Number> values = evaluate("""
                    \\set u random(5, 9)
                    \\set x random_exponential(1, 10, 2.5)
                    \\set g random_gaussian(1, 10, 2.5)
                    \\set z random_zipfian(1, 10, 1.5)
                    SELECT :u, :x, :g, :z;
                    """, seed);
            assertThat(values.get("u").longValue()).isBetween(5L, 9L);
            assertThat(values.get("x").longValue()).isBetween(1L, 10L);
            assertThat(values.get("g").longValue()).isBetween(1L, 10L);
            assertThat(values.get("z").longValue()).isBetween(1L, 10L);
        }
    }

    @Test
    void readsAFileByItsNameAndNamesAMissingOne(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("browse.sql"), "SELECT 1;\n");

        assertThat(Script.read(file).name()).isEqualTo("browse.sql");
        assertThatThrownBy(() -> Script.read(dir.resolve("nope.sql")))
                .isInstanceOf(ScriptProblem.class).hasMessage(dir.resolve("nope.sql") + ": no such file")
                .extracting(e -> ((ScriptProblem) e).parameter()).isEqualTo("workload");
    }

    @Test
    void shipsTheBuiltInWorkloadAsAScript() {
        Script builtin = Script.builtin();

        assertThat(builtin.name()).isEqualTo("builtin");
        assertThat(builtin.sql()).containsExactly("BEGIN", "SELECT balance FROM accounts WHERE id = ?",
                "UPDATE accounts SET balance = balance + 1, updated_at = now() WHERE id = ?",
                "SELECT pg_sleep(0.006)", "COMMIT");
        assertThat(Script.builtinText()).contains("\\set id random(1, 100000)");
    }

    private static Map<String, Number> evaluate(String text) {
        return evaluate(text, 1);
    }

    /** The variables after every {@code \set} of {@code text}, its SQL not run. */
    private static Map<String, Number> evaluate(String text, long seed) {
        Script script = Script.parse("t.sql", text);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Number> values = new HashMap<>(Map.of("client_id", 0L));
        for (Step step : script.steps()) {
            if (step instanceof Step.Set set) {
                values.put(set.name(), set.expression().evaluate(values, random));
            }
        }
        return values;
    }
}
