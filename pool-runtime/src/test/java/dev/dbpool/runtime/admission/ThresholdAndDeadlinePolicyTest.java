package dev.dbpool.runtime.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdAndDeadlinePolicyTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @Test
    void thresholdRejectsAboveThresholdAndOtherwiseWaitsTheAcquireTimeout() {
        ThresholdPolicy policy = new ThresholdPolicy(0.85);

        assertThat(policy.admit(13, 16, TIMEOUT)).isEqualTo(TIMEOUT);
        assertThat(policy.admit(14, 16, TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.overloaded()).isTrue();
        assertThat(policy.shedReason(14, 16, false, true)).isEqualTo("utilization 0.88 > 0.85");
    }

    @Test
    void deadlineWaitsAtMostTheDeadlineWhileConnectionsFlow() {
        DeadlinePolicy policy = new DeadlinePolicy(TimeUnit.MILLISECONDS.toNanos(1000));
        policy.onReleased(6);

        assertThat(policy.admit(10, 16, TIMEOUT)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
        assertThat(policy.admit(30, 16, TIMEOUT)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
    }

    @Test
    void deadlineRefusesAtOnceWhenTheQueueAheadCannotBeServedInTime() {
        DeadlinePolicy policy = new DeadlinePolicy(TimeUnit.MILLISECONDS.toNanos(100));
        policy.onReleased(50);

        // 64 ahead of a pool of 16 holding each connection 50 ms: about 200 ms to wait.
        assertThat(policy.admit(16 + 64, 16, TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.overloaded()).isTrue();
    }
}
