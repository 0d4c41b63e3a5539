package dev.dbpool.runtime.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor warns about exhaustion, requests that could not get a connection at once, not about a busy pool. */
class PoolMonitorTest {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicBoolean overloaded = new AtomicBoolean();

    private PoolMonitor monitor() {
        // An interval no test waits for: the test takes each look itself.
        return new PoolMonitor("auth-service", active::get, waiting::get, shed::get, overloaded::get, 16,
                Duration.ofHours(1));
    }

    @Test
    void aBusyPoolWithNobodyWaitingIsNotExhausted() {
        active.set(14);
        try (PoolMonitor monitor = monitor()) {
            for (int i = 0; i < 5; i++) {
                assertThat(monitor.look()).isEmpty();
            }
            active.set(16);
            assertThat(monitor.look()).isEmpty();
            assertThat(monitor.look()).isEmpty();
        }
    }

    @Test
    void threadsWaitingForTwoLooksInARowAreExhaustion() {
        active.set(16);
        waiting.set(3);
        try (PoolMonitor monitor = monitor()) {
            assertThat(monitor.look()).as("one look is a moment, not sustained").isEmpty();
            assertThat(monitor.look()).hasValueSatisfying(warning -> assertThat(warning)
                    .startsWith("auth-service pool exhausted for 3600s: 3 threads waiting for a connection")
                    .contains("(active=16, max=16)")
                    .doesNotContain("utilization"));
        }
    }

    @Test
    void requestsShedSinceTheLastLookAreExhaustion() {
        try (PoolMonitor monitor = monitor()) {
            shed.addAndGet(40);
            monitor.look();
            shed.addAndGet(25);
            assertThat(monitor.look()).hasValueSatisfying(warning -> assertThat(warning)
                    .contains("0 threads waiting", "25 requests shed in the last 3600s"));
        }
    }

    @Test
    void thePolicysOverloadedRegimeIsExhaustion() {
        overloaded.set(true);
        try (PoolMonitor monitor = monitor()) {
            monitor.look();
            assertThat(monitor.look()).hasValueSatisfying(warning -> assertThat(warning).contains("admission overloaded"));
        }
    }

    @Test
    void sayingNothingOnceNobodyWaitsAgain() {
        waiting.set(2);
        try (PoolMonitor monitor = monitor()) {
            monitor.look();
            assertThat(monitor.look()).isPresent();
            waiting.set(0);
            assertThat(monitor.look()).isEmpty();
            waiting.set(2);
            assertThat(monitor.look()).as("a new episode needs two looks again").isEmpty();
        }
    }
}
