package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeTest {

    @Test
    void theDefaultsAreWaitThresholdAndTheDefaultPolicy() {
        assertThat(Mode.defaults()).first().isEqualTo(Mode.WAIT);
        assertThat(Mode.defaults()).element(1).isEqualTo(Mode.THRESHOLD);
        assertThat(Mode.defaults()).last().isEqualTo(Mode.of("codel")).isEqualTo(Mode.DEFAULT_POLICY);
    }

    @Test
    void aListKeepsItsOrderAndReadsTheAliases() {
        assertThat(Mode.parseList("codel, backpressure,wait,codel", "--mode")).extracting(Mode::label)
                .containsExactly("codel", "threshold", "wait");
        assertThat(Mode.parseList("both", "--mode")).extracting(Mode::label).containsExactly("wait", "threshold");
        assertThat(Mode.parseList("CODEL", "--mode")).extracting(Mode::label).containsExactly("codel");
    }

    @Test
    void anUnknownNameIsNamedWithTheWholeList() {
        assertThatThrownBy(() -> Mode.parseList("wait,nonsense", "--mode")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--mode must be a comma list of wait, codel, threshold (alias backpressure) "
                        + "(or both = wait,threshold), got 'nonsense' in 'wait,nonsense'");
        assertThatThrownBy(() -> Mode.parseList("", "--mode")).hasMessageContaining("got ''");
    }
}
