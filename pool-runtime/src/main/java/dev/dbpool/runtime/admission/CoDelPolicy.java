package dev.dbpool.runtime.admission;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sheds on a <em>standing</em> queue, not on a momentary count: CoDel's rule (Nichols and Jacobson,
 * 2012) as Facebook's Wangle applies it to server queues ("Fail at scale", 2015), on the queue of
 * threads waiting for a connection.
 *
 * <p><b>Healthy</b>: a request waits for a connection at most {@code interval} (100 ms). A healthy
 * pool, however busy, empties its queue of waiting threads again and again, so bursts are absorbed
 * and nothing is shed.
 *
 * <p><b>Overloaded</b>: when the queue has not once been empty for a whole {@code interval}, more
 * requests arrive than the pool serves. From then on at most as many requests wait as the pool has
 * connections, each at most {@code 2 × target} (10 ms); every other request is refused at once,
 * without waiting. That keeps the pool busy (a returned connection always finds a waiter) while the
 * service's own threads are not spent waiting: under heavy overload a service whose requests all
 * queued for the pool would answer nothing in time, since every request would wait behind the ones
 * that came before it. The regime ends with the first {@code interval} in which the queue was seen
 * empty.
 *
 * <p>The queue is HikariCP's own count of threads waiting for a connection, one read. CoDel proper
 * measures how long requests waited (their sojourn) and calls a queue standing when even the
 * shortest wait of an interval exceeded the target; on a pool that signal breaks down under
 * overload, because HikariCP lets a borrower take a connection that was just returned before the
 * waiter it was handed to wakes up, so some request gets a connection at once in nearly every
 * interval however long the queue. The queue's length does not have that flaw.
 *
 * <p>Cost on the healthy path: one read of HikariCP's waiter count and, while a queue exists, a clock
 * reading to roll the interval; nothing is written once the interval has seen an empty queue.
 */
final class CoDelPolicy implements AdmissionPolicy {

    private final long intervalNanos;
    private final long sloughNanos;
    /** When the current interval ends; {@link Long#MIN_VALUE} before the first queue. */
    private final AtomicLong intervalEnd = new AtomicLong(Long.MIN_VALUE);
    private volatile boolean sawEmptyQueue;
    private volatile boolean overloaded;

    CoDelPolicy(long targetNanos, long intervalNanos) {
        this.intervalNanos = intervalNanos;
        this.sloughNanos = 2 * targetNanos;
    }

    @Override
    public long admit(Occupancy pool, long timeoutNanos) {
        int waiting = pool.waiting();
        if (waiting == 0) {
            if (!sawEmptyQueue) {
                sawEmptyQueue = true;
            }
            if (!overloaded) {
                return Math.min(timeoutNanos, intervalNanos);
            }
            // Still overloaded on paper: end the regime once its interval is over.
            rollIfDue(System.nanoTime());
            return Math.min(timeoutNanos, overloaded ? sloughNanos : intervalNanos);
        }
        rollIfDue(System.nanoTime());
        if (!overloaded) {
            return Math.min(timeoutNanos, intervalNanos);
        }
        return waiting >= pool.max() ? REJECT : Math.min(timeoutNanos, sloughNanos);
    }

    /** Ends the interval when it is over: overloaded when it never saw the queue empty. */
    private void rollIfDue(long now) {
        long end = intervalEnd.get();
        if (end != Long.MIN_VALUE && now - end < 0) {
            return;
        }
        if (intervalEnd.compareAndSet(end, now + intervalNanos)) {
            // The first interval starts with the first queue; after a long quiet spell (no request
            // rolled the interval for more than one), the old interval says nothing about now.
            boolean stale = end == Long.MIN_VALUE || now - end > intervalNanos;
            overloaded = !stale && !sawEmptyQueue;
            sawEmptyQueue = false;
        }
    }

    @Override
    public boolean overloaded() {
        return overloaded;
    }

    @Override
    public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
        if (!overloaded) {
            return "no connection within " + millis(intervalNanos) + "ms";
        }
        return waited
                ? "a queue has stood for " + millis(intervalNanos) + "ms, and no connection came within "
                + millis(sloughNanos) + "ms"
                : "a queue has stood for " + millis(intervalNanos) + "ms, and " + max + " requests were already waiting";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
