package dev.dbpool.runtime.internal;

/**
 * Which stripe of a striped structure the current thread writes: the one place that picks it, for
 * the ledger's counts ({@link StripedCount}) and the latency histogram
 * ({@code metrics.StripedHistogram}).
 *
 * <p>Unlike {@code LongAdder}, which stops at as many cells as there are CPUs and moves a thread to
 * another cell when it collides, the stripes are many more than the CPUs (4 per CPU, at least 16, at
 * most 256) and a thread's stripe is fixed by its id: a thread keeps writing one line that stays in
 * its core's cache. On the benchmark's 2 cores with 8 threads, 2 cells would still be shared across
 * the cores (docs/benchmarks.md).
 */
public final class ThreadStripes {

    private ThreadStripes() {
    }

    /** How many stripes for {@code cpus} CPUs: a power of two, 4 per CPU, at least 16, at most 256. */
    public static int count(int cpus) {
        return Integer.highestOneBit(Math.min(256, Math.max(16, 4 * cpus)) * 2 - 1);
    }

    /** How many stripes for this machine. */
    public static int count() {
        return count(Runtime.getRuntime().availableProcessors());
    }

    /** The current thread's stripe, 0 .. {@code mask}, for a power-of-two count of stripes {@code mask + 1}. */
    public static int current(int mask) {
        long id = Thread.currentThread().getId();
        // Fibonacci hashing: consecutive thread ids land far apart.
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40) & mask;
    }
}
