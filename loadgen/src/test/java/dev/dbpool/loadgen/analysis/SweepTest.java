package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Peer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SweepTest {

    private static final Mode DEFAULT = Runs.CODEL;

    private static SweepPoint point(double rate, Mode mode, double ofLimit, boolean valid) {
        return new SweepPoint(rate, mode, rate * ofLimit, ofLimit, 0.0, 12.0, valid, ofLimit);
    }

    @Test
    void theKneeIsTheHighestRateUpToWhichTheDefaultPolicyHolds() {
        Sweep sweep = Sweep.of(List.of(point(500, DEFAULT, 1.0, true), point(1000, DEFAULT, 0.97, true),
                point(2000, DEFAULT, 0.80, true), point(3000, DEFAULT, 0.99, true)));

        assertThat(sweep.kneeRatePerSecond()).isEqualTo(1000.0);
    }

    @Test
    void otherModesDoNotMoveTheKnee() {
        Sweep sweep = Sweep.of(List.of(point(500, Mode.of(Peer.VEGAS), 1.0, true), point(1000, Mode.of(Peer.VEGAS), 1.0, true),
                point(500, DEFAULT, 1.0, true), point(1000, DEFAULT, 0.5, true)));

        assertThat(sweep.kneeRatePerSecond()).isEqualTo(500.0);
        assertThat(sweep.modes()).containsExactly(Mode.of(Peer.VEGAS), DEFAULT);
        assertThat(sweep.rates()).containsExactly(500.0, 1000.0);
    }

    @Test
    void thereIsNoKneeWhenTheLowestRateFailsOrTheDefaultPolicyDidNotRun() {
        assertThat(Sweep.of(List.of(point(500, DEFAULT, 0.9, true), point(1000, DEFAULT, 1.0, true))).kneeRatePerSecond())
                .isNull();
        assertThat(Sweep.of(List.of(point(500, Mode.WAIT, 1.0, true))).kneeRatePerSecond()).isNull();
    }

    @Test
    void anInvalidRunEndsTheSearch() {
        Sweep sweep = Sweep.of(List.of(point(500, DEFAULT, 1.0, true), point(1000, DEFAULT, 1.0, false),
                point(1500, DEFAULT, 1.0, true)));

        assertThat(sweep.kneeRatePerSecond()).isEqualTo(500.0);
    }

    @Test
    void withoutACapacityTheLimitIsWhatWasOffered() {
        SweepPoint noCapacity = new SweepPoint(500, DEFAULT, 490, 0.98, 0.0, 12.0, true, Double.NaN);

        assertThat(noCapacity.againstLimit()).isEqualTo(0.98);
        assertThat(Sweep.of(List.of(noCapacity)).kneeRatePerSecond()).isEqualTo(500.0);
    }
}
