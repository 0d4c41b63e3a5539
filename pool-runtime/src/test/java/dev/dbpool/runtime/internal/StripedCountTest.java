package dev.dbpool.runtime.internal;

import dev.dbpool.runtime.testing.Concurrently;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripedCountTest {

    @Test
    void stripesArePowersOfTwoWithFourPerCpuAndAtLeastSixteen() {
        assertThat(new StripedCount(1).stripes()).isEqualTo(16);
        assertThat(new StripedCount(2).stripes()).isEqualTo(16);
        assertThat(new StripedCount(5).stripes()).isEqualTo(32);
        assertThat(new StripedCount(16).stripes()).isEqualTo(64);
        assertThat(new StripedCount(1000).stripes()).isEqualTo(256);
    }

    @Test
    void aDecrementOnAnotherThreadCancelsTheIncrement() throws InterruptedException {
        StripedCount count = new StripedCount();
        count.increment();
        Thread other = new Thread(count::decrement);
        other.start();
        other.join();
        assertThat(count.sum()).isZero();
    }

    @Test
    void concurrentUpdatesFromManyThreadsAddUpExactly() throws InterruptedException {
        StripedCount count = new StripedCount();
        Concurrently.run(16, () -> {
            for (int i = 0; i < 10_000; i++) {
                count.increment();
                count.increment();
                count.decrement();
            }
        });
        assertThat(count.sum()).isEqualTo(16 * 10_000);
    }
}
