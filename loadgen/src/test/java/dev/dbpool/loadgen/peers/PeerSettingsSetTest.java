package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerSettingsSetTest {

    @Test
    void withoutOverridesEveryPeerHasItsLibrarysDefaults() {
        PeerSettingsSet set = PeerSettingsSet.parse(List.of(), "--peer");

        assertThat(set.of(Peer.VEGAS)).isEqualTo(VegasSettings.DEFAULTS);
        assertThat(set.of(Peer.GRADIENT2)).isEqualTo(Gradient2Settings.DEFAULTS);
        assertThat(set.of(Peer.BULKHEAD)).isEqualTo(BulkheadSettings.DEFAULTS);
        assertThat(set.of(Peer.BULKHEAD).describe(16))
                .isEqualTo("bulkhead(SemaphoreBulkhead, maxConcurrentCalls=16 (the pool's size), maxWaitDuration=0s)");
    }

    @Test
    void overridesUseTheLibrarysOwnNamesInAnyOrder() {
        PeerSettingsSet set = PeerSettingsSet.parse(List.of("vegas.initialLimit=2000", "vegas.maxConcurrency=3000",
                "bulkhead.maxWaitDuration=50ms", "gradient2.minLimit=4", "gradient2.initialLimit=8"), "--peer");

        assertThat(set.of(Peer.VEGAS)).isEqualTo(new VegasSettings(2000, 3000));
        assertThat(set.of(Peer.BULKHEAD)).isEqualTo(new BulkheadSettings(null, Duration.ofMillis(50)));
        assertThat(set.of(Peer.GRADIENT2)).isEqualTo(new Gradient2Settings(8, 4, 200, 4));
    }

    @Test
    void aValueOutOfRangeNamesTheFlagTheSettingAndTheValue() {
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("vegas.initialLimit=0"), "--peer"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--peer vegas.initialLimit=0: initialLimit must be a positive integer, got '0'");
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("bulkhead.maxWaitDuration=-5ms"), "--peer"))
                .hasMessage("--peer bulkhead.maxWaitDuration=-5ms: maxWaitDuration must be a duration such as 0ms "
                        + "or 50ms, got '-5ms'");
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("gradient2.minLimit=50"), "--peer"))
                .hasMessage("--peer gradient2: minLimit (50) <= initialLimit (20) <= maxConcurrency (200) must hold");
    }

    @Test
    void anUnknownPeerOrKeyIsNamedWithWhatThereIs() {
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("hystrix.size=3"), "--peer"))
                .hasMessage("--peer hystrix.size=3: no peer named 'hystrix'; the peers are vegas, gradient2, bulkhead");
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("vegas.alpha=3"), "--peer"))
                .hasMessage("--peer vegas.alpha=3: vegas takes initialLimit, maxConcurrency, got 'alpha'");
        assertThatThrownBy(() -> PeerSettingsSet.parse(List.of("vegas=3"), "--peer"))
                .hasMessageStartingWith("--peer must be NAME.KEY=VALUE");
    }
}
