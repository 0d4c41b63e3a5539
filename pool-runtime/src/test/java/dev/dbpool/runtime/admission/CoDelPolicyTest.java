package dev.dbpool.runtime.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** CoDel's two regimes, driven by the waits the pool reports; no timing thresholds. */
class CoDelPolicyTest {

    private static final long TARGET = TimeUnit.MILLISECONDS.toNanos(5);
    /** Short enough that a test can let two intervals pass; the logic does not depend on its length. */
    private static final long INTERVAL = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    private final CoDelPolicy policy = new CoDelPolicy(TARGET, INTERVAL);

    @Test
    void shedsNothingWhenHealthy() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(policy.admit(Occupancies.of(16, 16), TIMEOUT)).isEqualTo(INTERVAL);
            policy.onWaitEnded(i % 10 == 0 ? TARGET * 3 : 0);
        }
        assertThat(policy.overloaded()).isFalse();
    }

    @Test
    void neverRefusesAtOnceWhateverTheCount() {
        assertThat(policy.admit(Occupancies.of(1_000, 16), TIMEOUT)).isPositive();
    }

    @Test
    void aQueueThatStandsForAnIntervalCutsTheWaitToTwiceTarget() throws InterruptedException {
        standingQueueFor(3);

        assertThat(policy.overloaded()).isTrue();
        assertThat(policy.admit(Occupancies.of(16, 16), TIMEOUT)).isEqualTo(2 * TARGET);
    }

    @Test
    void oneShortWaitInAnIntervalEndsTheOverload() throws InterruptedException {
        standingQueueFor(3);

        policy.onWaitEnded(0);
        TimeUnit.NANOSECONDS.sleep(INTERVAL + 1_000_000);
        policy.onWaitEnded(0);

        assertThat(policy.overloaded()).isFalse();
        assertThat(policy.admit(Occupancies.of(16, 16), TIMEOUT)).isEqualTo(INTERVAL);
    }

    @Test
    void neverWaitsLongerThanTheAcquireTimeout() {
        assertThat(policy.admit(Occupancies.of(0, 16), TimeUnit.MILLISECONDS.toNanos(3))).isEqualTo(TimeUnit.MILLISECONDS.toNanos(3));
    }

    /** Only long waits for {@code intervals} intervals, as in a stall. */
    private void standingQueueFor(int intervals) throws InterruptedException {
        for (int i = 0; i < intervals; i++) {
            policy.onWaitEnded(INTERVAL);
            TimeUnit.NANOSECONDS.sleep(INTERVAL + 1_000_000);
        }
        policy.onWaitEnded(INTERVAL);
    }
}
