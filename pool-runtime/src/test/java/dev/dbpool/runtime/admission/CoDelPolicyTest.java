package dev.dbpool.runtime.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CoDel's two regimes, driven by the queue of waiting threads the pool reports and the connections
 * it hands back. The clock is stepped by hand, so nothing here depends on how busy the machine is.
 */
class CoDelPolicyTest {

    private static final long TARGET = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX = 16;

    private long now = 1_000_000_000L;
    private final CoDelPolicy policy = new CoDelPolicy(TARGET, INTERVAL, () -> now);

    @Test
    void shedsNothingWhenHealthy() {
        for (int i = 0; i < 400; i++) {
            // A busy pool: a queue now and then, empty again soon after.
            int waiting = i % 10 < 3 ? 5 : 0;
            assertThat(policy.admit(waiting(waiting), TIMEOUT)).isEqualTo(INTERVAL);
            now += INTERVAL / 8;
        }
        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void neverRefusesAtOnceWhileHealthyWhateverTheCount() {
        assertThat(policy.admit(waiting(984), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void aQueueThatStandsForAnIntervalTurnsTheExcessAwayAtOnce() {
        queueStandsFor(2, 200);

        assertThat(policy.overloaded()).isTrue();
        assertThat(policy.admit(waiting(MAX), TIMEOUT)).as("never more waiting than connections").isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.admit(waiting(200), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.admit(waiting(MAX - 1), TIMEOUT)).as("a short queue still waits").isEqualTo(INTERVAL);
    }

    @Test
    void whileOverloadedTheQueueIsWhatThePoolHandsOutInTheTarget() {
        // 16 connections returned per 20 ms interval: 4 in the 5 ms target.
        queueStandsFor(2, 16);

        assertThat(policy.admit(waiting(3), TIMEOUT)).isEqualTo(INTERVAL);
        assertThat(policy.admit(waiting(4), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
    }

    @Test
    void aPoolThatHandsOutNothingKeepsOneWaiter() {
        queueStandsFor(2, 0);

        assertThat(policy.admit(waiting(0), TIMEOUT)).isEqualTo(INTERVAL);
        assertThat(policy.admit(waiting(1), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
    }

    @Test
    void anIntervalThatSawTheQueueEmptyAndRefusedNobodyEndsTheOverload() {
        queueStandsFor(2, 16);
        now += INTERVAL + 1;
        handsOut(16);

        policy.admit(waiting(0), TIMEOUT);
        policy.admit(waiting(2), TIMEOUT);
        now += INTERVAL + 1;
        policy.admit(waiting(3), TIMEOUT);

        assertThat(policy.overloaded()).isFalse();
        assertThat(policy.admit(waiting(MAX * 4), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void anIntervalThatHadToRefuseKeepsTheOverloadThoughTheQueueEmptiedOnce() {
        queueStandsFor(2, 16);
        now += INTERVAL + 1;

        policy.admit(waiting(0), TIMEOUT);
        assertThat(policy.admit(waiting(40), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
        now += INTERVAL + 1;
        policy.admit(waiting(3), TIMEOUT);

        assertThat(policy.overloaded()).isTrue();
    }

    @Test
    void theOverloadEndsWithTheQueueEvenWhenNoQueueComesBack() {
        queueStandsFor(2, 16);

        for (int i = 0; i < 5; i++) {
            policy.admit(waiting(0), TIMEOUT);
            now += INTERVAL / 2 + 1;
        }

        assertThat(policy.overloaded()).isFalse();
        assertThat(policy.admit(waiting(MAX * 4), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void theGaugeFallsOnAPoolThatNobodyAsksAnyMore() {
        queueStandsFor(2, 16);

        now += 2 * INTERVAL + 1;

        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void aQueueAfterAQuietSpellStartsAFreshInterval() {
        policy.admit(waiting(4), TIMEOUT);
        now += 3 * INTERVAL;
        policy.admit(waiting(4), TIMEOUT);

        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void neverWaitsLongerThanTheAcquireTimeout() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(3);
        assertThat(policy.admit(waiting(0), timeout)).isEqualTo(timeout);
    }

    @Test
    void learnsThePoolsPaceFromReturnsOnly() {
        assertThat(policy).isInstanceOf(AdmissionPolicy.ReleaseListener.class)
                .isNotInstanceOf(AdmissionPolicy.WaitListener.class);
    }

    /**
     * Every connection busy and a queue at every request for {@code intervals} intervals, the pool
     * handing back {@code releasesPerInterval} connections in each.
     */
    private void queueStandsFor(int intervals, int releasesPerInterval) {
        for (int i = 0; i <= intervals; i++) {
            policy.admit(waiting(40), TIMEOUT);
            handsOut(releasesPerInterval);
            now += INTERVAL / 2;
            policy.admit(waiting(40), TIMEOUT);
            now += INTERVAL / 2 + 1;
        }
        policy.admit(waiting(40), TIMEOUT);
    }

    private void handsOut(int connections) {
        for (int r = 0; r < connections; r++) {
            policy.onReleased(10);
        }
    }

    private static AdmissionPolicy.Occupancy waiting(int waiting) {
        return Occupancies.of(MAX + waiting, MAX, waiting);
    }
}
