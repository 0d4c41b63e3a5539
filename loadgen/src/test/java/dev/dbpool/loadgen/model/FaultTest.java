package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultTest {

    @Test
    void parsesKindStartAndLength() {
        Fault fault = Fault.parse("slowdown@30s+20s");

        assertThat(fault.kind()).isEqualTo(FaultKind.SLOWDOWN);
        assertThat(fault.start()).isEqualTo(Duration.ofSeconds(30));
        assertThat(fault.length()).isEqualTo(Duration.ofSeconds(20));
        assertThat(fault.end()).isEqualTo(Duration.ofSeconds(50));
    }

    @Test
    void aSpikeTakesAFactorAndDefaultsToThree() {
        assertThat(Fault.parse("spike:5@10s+2s").factor()).isEqualTo(5.0);
        assertThat(Fault.parse("spike@10s+2s").factor()).isEqualTo(Fault.DEFAULT_SPIKE_FACTOR);
    }

    @Test
    void printsWhatItParses() {
        for (String text : new String[] {"slowdown@30s+20s", "kill@1m+500ms", "restart@15s+3s", "spike:2.5@20s+10s"}) {
            assertThat(Fault.parse(text).toString()).isEqualTo(text);
        }
    }

    @Test
    void rejectsNonsenseWithTheSyntax() {
        assertThatThrownBy(() -> Fault.parse("nonsense"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("fault must be KIND[:FACTOR]@START+LENGTH")
                .hasMessageContaining("'nonsense'");
    }

    @Test
    void rejectsAnUnknownKindNamingTheKnownOnes() {
        assertThatThrownBy(() -> Fault.parse("explode@1s+1s"))
                .hasMessageContaining("slowdown|kill|restart|spike")
                .hasMessageContaining("'explode'");
    }

    @Test
    void rejectsAFactorOnAnythingButASpike() {
        assertThatThrownBy(() -> Fault.parse("kill:3@1s+1s")).hasMessageContaining("kill takes no factor");
    }

    @Test
    void rejectsAZeroLengthAndABadDuration() {
        assertThatThrownBy(() -> Fault.parse("kill@5s+0s")).hasMessageContaining("length must be positive");
        assertThatThrownBy(() -> Fault.parse("kill@soon+1s")).hasMessageContaining("must be a duration");
    }

    @Test
    void isActiveFromItsStartUntilItsEnd() {
        Fault fault = Fault.parse("slowdown@10s+5s");

        assertThat(fault.activeAt(Duration.ofSeconds(9))).isFalse();
        assertThat(fault.activeAt(Duration.ofSeconds(10))).isTrue();
        assertThat(fault.activeAt(Duration.ofMillis(14_999))).isTrue();
        assertThat(fault.activeAt(Duration.ofSeconds(15))).isFalse();
    }

    @Test
    void networkFaultsParseAndPrint() {
        Fault latency = Fault.parse("latency:40ms@10s+8s");
        assertThat(latency.kind()).isEqualTo(FaultKind.LATENCY);
        assertThat(latency.delay()).isEqualTo(Duration.ofMillis(40));
        assertThat(latency.kind().isNetwork()).isTrue();
        for (String text : new String[] {"latency:40ms@10s+8s", "blackhole@10s+8s", "reset@22s+0s"}) {
            assertThat(Fault.parse(text).toString()).isEqualTo(text);
        }
        assertThat(Fault.parse("reset@22s+0s").length()).isZero();
    }

    @Test
    void networkFaultsRejectWhatTheyDoNotTake() {
        assertThatThrownBy(() -> Fault.parse("latency:abc@1s+1s")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("fault latency delay in 'latency:abc@1s+1s' must be a duration such as 500ms, 30s or 2m, got 'abc'");
        assertThatThrownBy(() -> Fault.parse("latency@1s+1s")).hasMessageContaining("fault latency needs a delay");
        assertThatThrownBy(() -> Fault.parse("blackhole:2@1s+1s")).hasMessageContaining("takes no factor");
        assertThatThrownBy(() -> Fault.parse("blackhole@1s+0s")).hasMessageContaining("length must be positive");
        assertThatThrownBy(() -> Fault.parse("reset@1s+1s")).hasMessageContaining("reset is instantaneous");
        assertThatThrownBy(() -> Fault.parse("blackhole@x")).hasMessageContaining("got 'blackhole@x'");
    }
}
