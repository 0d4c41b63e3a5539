package dev.dbpool.runtime.admission;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

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
 * requests arrive than the pool serves. From then on the queue is kept as short as what the pool
 * hands out in {@code target} (5 ms), measured over the last interval from the connections returned
 * in it: a request that finds that many already waiting is refused at once, without waiting; one
 * that joins the queue waits at most {@code interval}, and since the queue is short it is served in
 * about {@code target}. That keeps the pool busy (a returned connection always finds a waiter) while
 * the service's own threads are not spent waiting: under overload a service whose requests all
 * queued for the pool would answer nothing in time, since every request would wait behind the ones
 * that came before it. The bound follows the pool's pace, so a database that slows down shortens the
 * queue instead of lengthening every wait. The regime ends with the first {@code interval} that saw
 * the queue empty and refused nobody.
 *
 * <p>The queue is HikariCP's own count of threads waiting for a connection, one read. CoDel proper
 * measures how long requests waited (their sojourn) and calls a queue standing when even the
 * shortest wait of an interval exceeded the target; on a pool that signal breaks down under
 * overload, because HikariCP lets a borrower take a connection that was just returned before the
 * waiter it was handed to wakes up, so some request gets a connection at once in nearly every
 * interval however long the queue. The queue's length does not have that flaw.
 *
 * <p>Cost on the healthy path: one read of HikariCP's waiter count, and one striped increment per
 * returned connection; while a queue exists, a clock reading to roll the interval.
 */
final class CoDelPolicy implements AdmissionPolicy, AdmissionPolicy.ReleaseListener {

    private final long targetNanos;
    private final long intervalNanos;
    /** When the current interval ends; {@link Long#MIN_VALUE} before the first queue. */
    private final AtomicLong intervalEnd = new AtomicLong(Long.MIN_VALUE);
    /** Connections returned since the interval began: the pool's pace. */
    private final LongAdder released = new LongAdder();
    private volatile boolean sawEmptyQueue;
    private volatile boolean refusedSome;
    private volatile boolean overloaded;
    /** While overloaded, the most requests that may wait: what the pool hands out in {@code target}. */
    private volatile int queueBound = 1;

    private final LongSupplier nanoClock;

    CoDelPolicy(long targetNanos, long intervalNanos) {
        this(targetNanos, intervalNanos, System::nanoTime);
    }

    /** With the clock a test steps by hand. */
    CoDelPolicy(long targetNanos, long intervalNanos, LongSupplier nanoClock) {
        this.targetNanos = targetNanos;
        this.intervalNanos = intervalNanos;
        this.nanoClock = nanoClock;
    }

    @Override
    public long admit(Occupancy pool, long timeoutNanos) {
        int waiting = pool.waiting();
        if (waiting == 0 && !overloaded) {
            sawEmptyQueue();
            return Math.min(timeoutNanos, intervalNanos);
        }
        rollIfDue(nanoClock.getAsLong(), pool.max());
        if (waiting == 0) {
            sawEmptyQueue();
        } else if (overloaded && waiting >= queueBound) {
            if (!refusedSome) {
                refusedSome = true;
            }
            return REJECT;
        }
        return Math.min(timeoutNanos, intervalNanos);
    }

    /** Written only when it changes, so a healthy pool's requests do not contend on it. */
    private void sawEmptyQueue() {
        if (!sawEmptyQueue) {
            sawEmptyQueue = true;
        }
    }

    @Override
    public void onReleased(long heldMillis) {
        released.increment();
    }

    /**
     * Ends the interval when it is over: overloaded when it never saw the queue empty, or, already
     * overloaded, when it had to refuse a request.
     */
    private void rollIfDue(long now, int max) {
        long end = intervalEnd.get();
        if (end != Long.MIN_VALUE && now - end < 0) {
            return;
        }
        if (intervalEnd.compareAndSet(end, now + intervalNanos)) {
            // The first interval starts with the first queue; after a long quiet spell (no request
            // rolled the interval for more than one), the old interval says nothing about now.
            boolean stale = end == Long.MIN_VALUE || now - end > intervalNanos;
            long handedOut = released.sumThenReset();
            if (!stale) {
                long elapsed = now - (end - intervalNanos);
                long perTarget = (handedOut * targetNanos + elapsed / 2) / Math.max(1, elapsed);
                queueBound = (int) Math.max(1, Math.min(max, perTarget));
            }
            overloaded = !stale && (!sawEmptyQueue || (overloaded && refusedSome));
            sawEmptyQueue = false;
            refusedSome = false;
        }
    }

    /** Overloaded as of the last interval, unless no request has come for more than one since. */
    @Override
    public boolean overloaded() {
        return overloaded && nanoClock.getAsLong() - intervalEnd.get() <= intervalNanos;
    }

    @Override
    public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
        if (!overloaded) {
            return "no connection within " + millis(intervalNanos) + "ms";
        }
        return waited
                ? "a queue has stood for " + millis(intervalNanos) + "ms, and no connection came within "
                + millis(intervalNanos) + "ms"
                : "a queue has stood for " + millis(intervalNanos) + "ms, and the requests already waiting"
                + " are what the pool serves in " + millis(targetNanos) + "ms";
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
