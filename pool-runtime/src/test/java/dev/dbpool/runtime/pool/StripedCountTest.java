package dev.dbpool.runtime.pool;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

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
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 10_000; i++) {
                    count.increment();
                    count.increment();
                    count.decrement();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(count.sum()).isEqualTo(16 * 10_000);
    }
}
