package dev.dbpool.loadgen.workload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScriptMixTest {

    private static final Script BROWSE = Script.parse("browse.sql", "SELECT 1;");
    private static final Script CHECKOUT = Script.parse("checkout.sql", "SELECT 2;");

    @Test
    void choosesEachScriptByItsWeight() {
        ScriptMix mix = ScriptMix.of(new WeightedScript(BROWSE, 80), new WeightedScript(CHECKOUT, 20));

        int checkouts = 0;
        for (int i = 0; i < 100_000; i++) {
            checkouts += mix.scriptOf(1, i);
        }

        assertThat(checkouts / 100_000.0).isCloseTo(0.2, within(0.005));
    }

    @Test
    void theSameSeedAndIndexChooseTheSameScript() {
        ScriptMix mix = ScriptMix.of(new WeightedScript(BROWSE, 1), new WeightedScript(CHECKOUT, 1));

        for (int i = 0; i < 100; i++) {
            assertThat(mix.scriptOf(5, i)).isEqualTo(mix.scriptOf(5, i));
        }
        long differing = java.util.stream.IntStream.range(0, 100).filter(i -> mix.scriptOf(5, i) != mix.scriptOf(6, i)).count();
        assertThat(differing).isPositive();
    }

    @Test
    void readsFileAtWeightAndRefusesAWeightThatIsNotAPositiveInteger(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("browse.sql"), "SELECT 1;\n");

        assertThat(WeightedScript.parse(file + "@80")).hasToString("browse.sql@80");
        assertThat(WeightedScript.parse(file.toString()).weight()).isEqualTo(1);
        assertThat(WeightedScript.parse("builtin").script().name()).isEqualTo("builtin");
        assertThatThrownBy(() -> WeightedScript.parse(file + "@0"))
                .hasMessage("'" + file + "@0': the weight after @ must be a positive integer, got '0'");
        assertThatThrownBy(() -> WeightedScript.parse(file + "@much"))
                .hasMessageEndingWith("got 'much'");
    }
}
