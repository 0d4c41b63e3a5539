package dev.dbpool.runtime.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CoDel's two regimes, driven by the queue of waiting threads the pool reports. The intervals are
 * short so that a test can let a few pass; the logic does not depend on their length, and nothing
 * here is timed against a threshold.
 */
class CoDelPolicyTest {

    private static final long TARGET = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);
    private static final int MAX = 16;

    private final AdmissionPolicy policy = new CoDelPolicy(TARGET, INTERVAL);

    @Test
    void shedsNothingWhenHealthy() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            // A busy pool: a queue now and then, empty again soon after.
            int waiting = i % 10 < 3 ? 5 : 0;
            assertThat(policy.admit(Occupancies.of(MAX + waiting, MAX, waiting), TIMEOUT)).isEqualTo(INTERVAL);
            if (i % 20 == 0) {
                TimeUnit.NANOSECONDS.sleep(INTERVAL / 4);
            }
        }
        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void neverRefusesAtOnceWhileHealthyWhateverTheCount() {
        assertThat(policy.admit(Occupancies.of(1_000, MAX, 984), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void aQueueThatStandsForAnIntervalTurnsTheExcessAwayAtOnce() throws InterruptedException {
        queueStandsFor(2);

        assertThat(policy.overloaded()).isTrue();
        assertThat(policy.admit(waiting(MAX), TIMEOUT)).as("as many waiting as connections").isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.admit(waiting(200), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
    }

    @Test
    void whileOverloadedAShortQueueStillWaitsTwiceTheTarget() throws InterruptedException {
        queueStandsFor(2);

        assertThat(policy.admit(waiting(MAX - 1), TIMEOUT)).isEqualTo(2 * TARGET);
        assertThat(policy.admit(waiting(1), TIMEOUT)).isEqualTo(2 * TARGET);
    }

    @Test
    void anIntervalThatSawTheQueueEmptyEndsTheOverload() throws InterruptedException {
        queueStandsFor(2);

        policy.admit(waiting(0), TIMEOUT);
        TimeUnit.NANOSECONDS.sleep(INTERVAL + TimeUnit.MILLISECONDS.toNanos(1));
        policy.admit(waiting(3), TIMEOUT);

        assertThat(policy.overloaded()).isFalse();
        assertThat(policy.admit(waiting(MAX * 4), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void theOverloadEndsWithTheQueueEvenWhenNoQueueComesBack() throws InterruptedException {
        queueStandsFor(2);

        for (int i = 0; i < 3; i++) {
            policy.admit(waiting(0), TIMEOUT);
            TimeUnit.NANOSECONDS.sleep(INTERVAL / 2 + TimeUnit.MILLISECONDS.toNanos(1));
        }

        assertThat(policy.overloaded()).as("the gauge must not stay up on a quiet pool").isFalse();
    }

    @Test
    void aQueueAfterAQuietSpellStartsAFreshInterval() throws InterruptedException {
        policy.admit(waiting(4), TIMEOUT);
        TimeUnit.NANOSECONDS.sleep(3 * INTERVAL);
        policy.admit(waiting(4), TIMEOUT);

        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void neverWaitsLongerThanTheAcquireTimeout() {
        long timeout = TimeUnit.MILLISECONDS.toNanos(3);
        assertThat(policy.admit(waiting(0), timeout)).isEqualTo(timeout);
    }

    @Test
    void needsNoFeedbackFromTheBorrowEdges() {
        assertThat(policy).isNotInstanceOf(AdmissionPolicy.WaitListener.class)
                .isNotInstanceOf(AdmissionPolicy.ReleaseListener.class);
    }

    /** Every connection busy and a queue at every request, for {@code intervals} intervals. */
    private void queueStandsFor(int intervals) throws InterruptedException {
        for (int i = 0; i <= intervals; i++) {
            policy.admit(waiting(40), TIMEOUT);
            TimeUnit.NANOSECONDS.sleep(INTERVAL / 2);
            policy.admit(waiting(40), TIMEOUT);
            TimeUnit.NANOSECONDS.sleep(INTERVAL / 2 + TimeUnit.MILLISECONDS.toNanos(1));
        }
        policy.admit(waiting(40), TIMEOUT);
    }

    private static AdmissionPolicy.Occupancy waiting(int waiting) {
        return Occupancies.of(MAX + waiting, MAX, waiting);
    }
}
