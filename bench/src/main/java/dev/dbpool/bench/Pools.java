package dev.dbpool.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;

/** What the benchmarks do with a pool before measuring it. */
final class Pools {

    private Pools() {
    }

    /**
     * Waits until the pool has opened {@code size} connections: HikariCP opens one at start and the
     * others in the background, and no iteration should measure a connection being opened.
     */
    static void awaitFull(IntSupplier totalConnections, int size) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (totalConnections.getAsInt() < size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the pool did not open its " + size + " connections within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
