package dev.dbpool.plan.engine;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LittlesLawTest {

    @Test
    void designExampleNeedsFourConnections() {
        // billing-service in DESIGN §3: 400 qps × 8 ms = 3.2 busy; / 0.85 = 3.76 → 4.
        assertThat(size("400", "8", 1, 0.85)).isEqualTo(4);
    }

    @Test
    void trafficIsSplitAcrossReplicas() {
        // 1800 qps over 3 replicas = 600 each; × 4 ms = 2.4; / 0.85 = 2.82 → 3.
        assertThat(size("1800", "4", 3, 0.85)).isEqualTo(3);
    }

    @Test
    void anExactQuotientIsNotRoundedUpByBinaryNoise() {
        // 850 × 1000 ms / 1000 / 0.85 is exactly 1000: doubles would give 1000.0000000000001 → 1001.
        assertThat(size("850", "1000", 1, 0.85)).isEqualTo(1000);
    }

    @Test
    void aTinyLoadStillNeedsOneConnection() {
        assertThat(size("0.1", "1", 4, 0.85)).isEqualTo(1);
    }

    @Test
    void aLowerThresholdNeedsALargerPool() {
        assertThat(size("500", "45", 2, 0.85)).isEqualTo(14);
        assertThat(size("500", "45", 2, 0.5)).isEqualTo(23);
    }

    @Test
    void refusesAZeroThreshold() {
        assertThatThrownBy(() -> size("1", "1", 1, 0.0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static int size(String qps, String holdMs, int replicas, double threshold) {
        return LittlesLaw.connectionsPerReplica(new BigDecimal(qps), new BigDecimal(holdMs), replicas, threshold);
    }
}
