package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;

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
        assertThat(Mode.parseList("codel, backpressure,wait,codel", "modes")).extracting(Mode::label)
                .containsExactly("codel", "threshold", "wait");
        assertThat(Mode.parseList("both", "modes")).extracting(Mode::label).containsExactly("wait", "threshold");
        assertThat(Mode.parseList("CODEL", "modes")).extracting(Mode::label).containsExactly("codel");
    }

    @Test
    void anUnknownNameIsNamedWithTheWholeList() {
        assertThatThrownBy(() -> Mode.parseList("wait,nonsense", "modes")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("modes must be a comma list of wait, codel, threshold (alias backpressure), vegas, "
                        + "gradient2, bulkhead (or both = wait,threshold), got 'nonsense' in 'wait,nonsense'");
        assertThatThrownBy(() -> Mode.parseList("", "modes")).hasMessageContaining("got ''");
    }

    @Test
    void aPeerIsAGateAroundPlainWaitingNotAPolicy() {
        List<Mode> modes = Mode.parseList("vegas,gradient2,bulkhead", "modes");

        assertThat(modes).extracting(Mode::label).containsExactly("vegas", "gradient2", "bulkhead");
        assertThat(modes).allSatisfy(m -> {
            assertThat(m.policy()).isEmpty();
            assertThat(m.gate()).isPresent();
            assertThat(m.isWait()).isFalse();
            assertThat(m.isDefaultPolicy()).isFalse();
        });
        assertThat(Mode.WAIT.gate()).isEmpty();
        assertThat(Mode.WAIT.policy()).isEmpty();
        assertThat(Mode.DEFAULT_POLICY.policy()).contains("codel");
        assertThat(Mode.find("vegas")).contains(Mode.of(Peer.VEGAS));
    }

    @Test
    void aPeerNextToANonsenseNameIsNamedInTheMessage() {
        assertThatThrownBy(() -> Mode.parseList("vegas,nonsense", "modes")).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("modes must be a comma list of ")
                .hasMessageEndingWith("got 'nonsense' in 'vegas,nonsense'");
    }
}
