package dev.dbpool.runtime.admission;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sheds on a <em>standing</em> queue, not on a momentary count: CoDel (Nichols and Jacobson, 2012) as
 * Facebook's Wangle applies it to server queues ("Fail at scale", 2015).
 *
 * <p>A request waits for a connection at most {@code interval} (100 ms) while the pool is healthy.
 * When no acquisition in a whole interval got its connection within {@code target} (5 ms), a queue
 * has stood for an interval: the pool is overloaded, and from then on a request waits at most
 * {@code 2 × target} before it is shed, until an interval again sees a wait under target. A healthy
 * pool, however busy, hands most requests a connection at once, so it never leaves the first regime;
 * a stalled one sheds within a few milliseconds per request instead of holding callers for the 10 s
 * acquire timeout, and comes back as soon as connections flow again.
 *
 * <p>Cost on the healthy path: {@link #admit} reads one volatile (and no count of connections in use,
 * no count of connections in use); {@link #onWaitEnded} reads two and
 * writes nothing once the interval has seen a short wait. The clock is read only by a wait longer than
 * target, or while overloaded, to roll the interval.
 */
final class CoDelPolicy implements AdmissionPolicy, AdmissionPolicy.WaitListener {

    private final long targetNanos;
    private final long intervalNanos;
    private final long sloughNanos;
    private final AtomicLong intervalEnd = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean sawShortWait;
    private volatile boolean sawLongWait;
    private volatile boolean overloaded;

    CoDelPolicy(long targetNanos, long intervalNanos) {
        this.targetNanos = targetNanos;
        this.intervalNanos = intervalNanos;
        this.sloughNanos = 2 * targetNanos;
    }

    @Override
    public long admit(Occupancy pool, long timeoutNanos) {
        // The decision is on recent waits alone: no count of connections in use is read.
        return Math.min(timeoutNanos, overloaded ? sloughNanos : intervalNanos);
    }

    @Override
    public void onWaitEnded(long waitedNanos) {
        if (waitedNanos <= targetNanos) {
            if (!sawShortWait) {
                sawShortWait = true;
            }
            if (overloaded) {
                rollIfDue(System.nanoTime());
            }
        } else {
            if (!sawLongWait) {
                sawLongWait = true;
            }
            rollIfDue(System.nanoTime());
        }
    }

    /** Ends the interval when it is over: overloaded when it saw long waits and no short one. */
    private void rollIfDue(long now) {
        long end = intervalEnd.get();
        if (end != Long.MIN_VALUE && now - end < 0) {
            return;
        }
        if (intervalEnd.compareAndSet(end, now + intervalNanos)) {
            // The first interval starts with the first long wait: before it, nothing stood.
            overloaded = end != Long.MIN_VALUE && sawLongWait && !sawShortWait;
            sawShortWait = false;
            sawLongWait = false;
        }
    }

    @Override
    public boolean overloaded() {
        return overloaded;
    }

    @Override
    public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
        return overloaded
                ? "a queue has stood for " + millis(intervalNanos) + "ms (no wait under " + millis(targetNanos)
                + "ms), waited " + millis(sloughNanos) + "ms"
                : "no connection within " + millis(intervalNanos) + "ms";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
