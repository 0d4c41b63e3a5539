package dev.dbpool.runtime.admission;

import java.util.concurrent.TimeUnit;

/**
 * Refuses at once when the predicted wait exceeds the caller's deadline, and otherwise waits at most
 * that deadline: the answer a caller gets is either a connection in time or an immediate refusal.
 *
 * <p>The prediction is the queue ahead of this request over the pool's service rate:
 * {@code (inUse - max + 1) × hold / max}, where {@code hold} is the larger of the recent mean time a
 * connection is held (an exponentially weighted average) and the time since a connection last came
 * back: a stalled pool returns nothing, and its predicted wait grows with the stall.
 */
public final class DeadlinePolicy implements AdmissionPolicy {

    /** Weight of the newest hold time in the average. */
    private static final double ALPHA = 0.05;
    /** How stale the last release time may be: far below any deadline, which is milliseconds. */
    static final long RELEASE_RESOLUTION_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final long deadlineNanos;
    private volatile double meanHoldNanos;
    private volatile long lastReleaseNanos = System.nanoTime();
    private volatile boolean lastRejected;

    public DeadlinePolicy(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public long admit(int inUse, int max, long timeout) {
        boolean reject = predictedWaitNanos(inUse, max) > deadlineNanos;
        if (reject != lastRejected) {
            lastRejected = reject;
        }
        return reject ? REJECT : Math.min(timeout, deadlineNanos);
    }

    long predictedWaitNanos(int inUse, int max) {
        int ahead = inUse - max + 1;
        if (ahead <= 0) {
            return 0;
        }
        double hold = Math.max(meanHoldNanos, System.nanoTime() - lastReleaseNanos);
        return (long) (ahead * hold / max);
    }

    /**
     * Every return, from every thread: the shared fields are written only when they change (the
     * release time at most once per {@link #RELEASE_RESOLUTION_NANOS}), so that threads returning
     * connections at once do not take turns owning their cache line.
     */
    @Override
    public void onReleased(long heldMillis) {
        long now = System.nanoTime();
        if (now - lastReleaseNanos >= RELEASE_RESOLUTION_NANOS) {
            lastReleaseNanos = now;
        }
        double held = TimeUnit.MILLISECONDS.toNanos(heldMillis);
        double mean = meanHoldNanos;
        double next = mean == 0 ? held : mean + ALPHA * (held - mean);
        if (next != mean) {
            meanHoldNanos = next;
        }
    }

    @Override
    public boolean overloaded() {
        return lastRejected;
    }

    @Override
    public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
        long deadlineMillis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos);
        return waited ? "no connection within the deadline of " + deadlineMillis + "ms"
                : "predicted wait above the deadline of " + deadlineMillis + "ms";
    }
}
