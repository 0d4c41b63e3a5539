package dev.dbpool.runtime.admission;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ThresholdPolicyTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(10);

    @Test
    void rejectsAboveThresholdAndOtherwiseWaitsTheAcquireTimeout() {
        AdmissionPolicy policy = new ThresholdSettings(0.85).newPolicy();

        assertThat(policy.admit(Occupancies.of(13, 16), TIMEOUT)).isEqualTo(TIMEOUT);
        assertThat(policy.admit(Occupancies.of(14, 16), TIMEOUT)).isEqualTo(AdmissionPolicy.REJECT);
        assertThat(policy.overloaded()).isTrue();
        assertThat(policy.shedReason(14, 16, false, true)).isEqualTo("utilization 0.88 > 0.85");
    }

    @Test
    void listensToNothing() {
        AdmissionPolicy policy = new ThresholdSettings(0.85).newPolicy();

        assertThat(policy).isNotInstanceOf(AdmissionPolicy.WaitListener.class)
                .isNotInstanceOf(AdmissionPolicy.ReleaseListener.class);
    }
}
