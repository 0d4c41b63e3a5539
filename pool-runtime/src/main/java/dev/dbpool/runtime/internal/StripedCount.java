package dev.dbpool.runtime.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A count that many threads move up and down, without sharing one cache line: each thread updates
 * its own stripe ({@link ThreadStripes}), and {@link #sum()} adds the stripes. Under contention a
 * single {@code AtomicInteger} makes every update a cache miss on another core's line (on the
 * benchmark's 2 cores, 8 threads: about 370 ns more per acquisition, docs/benchmarks.md).
 *
 * <p>A return may be counted on another thread than its borrow: stripes then go negative, and the
 * sum stays exact. The sum is exact whenever no update runs concurrently with it; a sum taken
 * during updates is off by at most the updates in progress, as {@code LongAdder.sum()} is.
 */
final class StripedCount {

    /** Longs per stripe: 128 bytes, two cache lines, so that neighbours (and the prefetcher) do not share. */
    private static final int PAD = 16;

    private final AtomicLongArray cells;
    private final int mask;

    StripedCount() {
        this(Runtime.getRuntime().availableProcessors());
    }

    StripedCount(int cpus) {
        int stripes = ThreadStripes.count(cpus);
        this.cells = new AtomicLongArray(stripes * PAD);
        this.mask = stripes - 1;
    }

    private int cell() {
        return ThreadStripes.current(mask) * PAD;
    }

    void increment() {
        cells.getAndIncrement(cell());
    }

    void decrement() {
        cells.getAndDecrement(cell());
    }

    /** The count: exact when no update is under way. */
    int sum() {
        long sum = 0;
        for (int i = 0; i < cells.length(); i += PAD) {
            sum += cells.get(i);
        }
        return (int) sum;
    }

    int stripes() {
        return mask + 1;
    }
}
