package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.BackpressurePolicy;
import dev.dbpool.runtime.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

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
                .hasMessage("--mode must be a comma list of wait, threshold (alias backpressure), codel, deadline, "
                        + "vegas, gradient2, bulkhead (or both = wait,threshold), got 'nonsense' in 'wait,nonsense'");
        assertThatThrownBy(() -> Mode.parseList("", "--mode")).hasMessageContaining("got ''");
    }

    @Test
    void aPeerIsAGateAroundPlainWaitingNotAPolicy() {
        List<Mode> modes = Mode.parseList("vegas,gradient2,bulkhead", "--mode");

        assertThat(modes).extracting(Mode::label).containsExactly("vegas", "gradient2", "bulkhead");
        assertThat(modes).allSatisfy(m -> {
            assertThat(m.admission()).isEmpty();
            assertThat(m.gate()).isPresent();
            assertThat(m.isWait()).isFalse();
            assertThat(m.isDefaultPolicy()).isFalse();
        });
        assertThat(Mode.WAIT.gate()).isEmpty();
        assertThat(Mode.find("vegas")).contains(Mode.of(Peer.VEGAS));
    }

    @Test
    void aPeerNextToANonsenseNameIsNamedInTheMessage() {
        assertThatThrownBy(() -> Mode.parseList("vegas,nonsense", "--mode")).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("--mode must be a comma list of ")
                .hasMessageEndingWith("got 'nonsense' in 'vegas,nonsense'");
    }
}
