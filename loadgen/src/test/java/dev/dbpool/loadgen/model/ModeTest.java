package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.BackpressurePolicy;
import dev.dbpool.runtime.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeTest {

    @Test
    void theDefaultsAreWaitThresholdAndTheDefaultPolicy() {
        assertThat(Mode.defaults()).first().isEqualTo(Mode.WAIT);
        assertThat(Mode.defaults()).element(1).isEqualTo(Mode.of(BackpressurePolicy.THRESHOLD));
        assertThat(Mode.defaults()).last().isEqualTo(Mode.of(BackpressureConfig.DEFAULT_POLICY));
    }

    @Test
    void aListKeepsItsOrderAndReadsTheAliases() {
        assertThat(Mode.parseList("codel, backpressure,wait,codel", "--mode")).extracting(Mode::label)
                .containsExactly("codel", "threshold", "wait");
        assertThat(Mode.parseList("both", "--mode")).extracting(Mode::label).containsExactly("wait", "threshold");
        assertThat(Mode.parseList("DEADLINE", "--mode")).extracting(Mode::label).containsExactly("deadline");
    }

    @Test
    void anUnknownNameIsNamedWithTheWholeList() {
        assertThatThrownBy(() -> Mode.parseList("wait,nonsense", "--mode")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("--mode must be a comma list of wait, threshold (alias backpressure), codel, deadline "
                        + "(or both = wait,threshold), got 'nonsense' in 'wait,nonsense'");
        assertThatThrownBy(() -> Mode.parseList("", "--mode")).hasMessageContaining("got ''");
    }
}
