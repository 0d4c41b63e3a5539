package dev.dbpool.runtime.internal;


import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.DoubleStream;

/**
 * A fixed-bucket latency histogram that many threads record into without sharing a cache line and
 * without reading the clock: the acquisition histogram's recorder when the registry is Prometheus's
 * ({@link PrometheusAcquireHistogram}).
 *
 * <p>Micrometer's timer costs about 75 ns per sample on one thread, of which 37 ns are two clock
 * readings (the windows of its {@code _max} and of its histogram rotate on the clock), and under
 * contention every sample writes the same bucket line and the same max (docs/benchmarks.md, "Where
 * the time goes"). Here each thread writes the stripe its id picks ({@link ThreadStripes}): the sum,
 * the max and the first buckets share one line of it, so the usual sample (a connection handed out
 * at once, bucket 0) is three operations on one line the thread's core already owns. Time windows
 * move only when the histogram is read ({@link #snapshot}), at scrape time.
 *
 * <p>Counts are cumulative from the start, as a Prometheus histogram's are. The max is the largest
 * sample of the last one to two {@code maxWindow}s, as Micrometer's timer reports a max over a
 * rolling window (its default expiry is 2 minutes): the window rolls at a read that finds it older
 * than {@code maxWindow}. A snapshot taken while samples are being recorded may miss those (its
 * count and sum then disagree by them), as Micrometer's does.
 */
public final class StripedHistogram {

    private static final int SUM = 0;
    private static final int MAX = 1;
    private static final int FIRST_BUCKET = 2;

    /** Upper bounds, inclusive (Prometheus's {@code le}), in nanoseconds; one more bucket for +Inf. */
    private final long[] boundsNanos;
    /** The same in seconds, +Inf last: the snapshot's {@code upperBoundsSeconds}. */
    private final double[] upperBoundsSeconds;
    /** Longs per stripe: a multiple of 16 (128 bytes, two cache lines), so that stripes do not share lines. */
    private final int stride;
    private final int mask;
    private final AtomicLongArray cells;
    private final long maxWindowNanos;
    private long windowStart = Long.MIN_VALUE;
    private long previousWindowMax;

    /** A histogram with {@code boundsSeconds} as its buckets' upper bounds (ascending), +Inf added. */
    public StripedHistogram(List<Double> boundsSeconds, long maxWindowNanos) {
        this(boundsSeconds, maxWindowNanos, ThreadStripes.count());
    }

    StripedHistogram(List<Double> boundsSeconds, long maxWindowNanos, int stripes) {
        this.upperBoundsSeconds = DoubleStream.concat(boundsSeconds.stream().mapToDouble(Double::doubleValue),
                DoubleStream.of(Double.POSITIVE_INFINITY)).toArray();
        this.boundsNanos = boundsSeconds.stream().mapToLong(s -> Math.round(s * 1e9)).toArray();
        for (int i = 1; i < boundsNanos.length; i++) {
            if (boundsNanos[i] <= boundsNanos[i - 1]) {
                throw new IllegalArgumentException("bucket bounds must ascend: " + boundsSeconds);
            }
        }
        int longs = FIRST_BUCKET + boundsNanos.length + 1;
        this.stride = (longs + 15) / 16 * 16;
        this.mask = stripes - 1;
        this.cells = new AtomicLongArray(stripes * stride);
        this.maxWindowNanos = maxWindowNanos;
    }

    /** Records one sample; a negative one is ignored, as Micrometer ignores it. */
    public void record(long nanos) {
        if (nanos < 0) {
            return;
        }
        int base = ThreadStripes.current(mask) * stride;
        int bucket = 0;
        // Linear: nearly every acquisition lands in the first bucket, after one comparison.
        while (bucket < boundsNanos.length && nanos > boundsNanos[bucket]) {
            bucket++;
        }
        cells.getAndIncrement(base + FIRST_BUCKET + bucket);
        cells.getAndAdd(base + SUM, nanos);
        if (nanos > cells.get(base + MAX)) {
            raiseMax(base + MAX, nanos);
        }
    }

    private void raiseMax(int cell, long nanos) {
        long current;
        do {
            current = cells.get(cell);
        } while (nanos > current && !cells.compareAndSet(cell, current, nanos));
    }

    /** What a scrape exports. {@code counts} are per bucket (not cumulative), the last one +Inf's. */
    public record Snapshot(double[] upperBoundsSeconds, long[] counts, double sumSeconds, double maxSeconds) {
        public long count() {
            long count = 0;
            for (long c : counts) {
                count += c;
            }
            return count;
        }
    }

    /** The counts so far, and the max of the current window (rolled first when it is due). */
    public synchronized Snapshot snapshot() {
        return snapshot(System.nanoTime());
    }

    synchronized Snapshot snapshot(long now) {
        int buckets = boundsNanos.length + 1;
        long[] counts = new long[buckets];
        long sum = 0;
        long max = 0;
        boolean roll = windowStart == Long.MIN_VALUE || now - windowStart >= maxWindowNanos;
        for (int base = 0; base < cells.length(); base += stride) {
            sum += cells.get(base + SUM);
            max = Math.max(max, roll ? cells.getAndSet(base + MAX, 0) : cells.get(base + MAX));
            for (int b = 0; b < buckets; b++) {
                counts[b] += cells.get(base + FIRST_BUCKET + b);
            }
        }
        long reported = Math.max(max, previousWindowMax);
        if (roll) {
            // What the closing window saw stays visible for one more window, then ages out.
            previousWindowMax = max;
            windowStart = now;
        }
        return new Snapshot(upperBoundsSeconds.clone(), counts, sum / 1e9, reported / 1e9);
    }

    /** The max window of the histograms the pool records into. */
    public static final long DEFAULT_MAX_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(1);
}
