package dev.dbpool.plan.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ThresholdSheddingTest {

    @Test
    void admittedSlotsAreTheFirstCountThePolicyRejectsAt() {
        assertThat(ThresholdShedding.admittedSlots(16, 0.85)).isEqualTo(14); // 13 held admits, 14 held rejects
        assertThat(ThresholdShedding.admittedSlots(4, 0.5)).isEqualTo(3);    // 2/4 is not above 0.5
        assertThat(ThresholdShedding.admittedSlots(12, 0.85)).isEqualTo(11);
    }

    @Test
    void shedShareIsErlangBOverTheAdmittedSlots() {
        assertThat(ThresholdShedding.shedRatio(16, 0.85, 10.4)).isCloseTo(ErlangC.erlangB(14, 10.4), within(1e-15));
    }

    @Test
    void aThresholdThatNeverRejectsShedsNothing() {
        assertThat(ThresholdShedding.shedRatio(16, 1.0, 20.0)).isZero();
    }
}
