package dev.dbpool.runtime.admission;

import java.util.Locale;

/**
 * The seed's rule, unchanged: refuse at once when {@code inUse / max > threshold} at the moment of
 * the request, otherwise wait up to the acquire timeout. Kept for compatibility and as the reference
 * every comparison shows: under random arrivals it sheds healthy traffic, because a pool at 65% mean
 * utilization is often momentarily above 85% with nothing wrong.
 */
public final class ThresholdPolicy implements AdmissionPolicy {

    private final double threshold;
    private volatile boolean lastRejected;

    public ThresholdPolicy(double threshold) {
        this.threshold = threshold;
    }

    @Override
    public long admit(int inUse, int max, long timeout) {
        boolean reject = rejects(inUse, max, threshold);
        if (reject != lastRejected) {
            lastRejected = reject;
        }
        return reject ? REJECT : timeout;
    }

    /** The decision itself, shared with {@code BackpressureConfig.rejects}. */
    public static boolean rejects(int inUse, int max, double threshold) {
        return (double) inUse / max > threshold;
    }

    @Override
    public boolean overloaded() {
        return lastRejected;
    }

    @Override
    public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
        return String.format(Locale.ROOT, "utilization %.2f > %.2f", (double) inUse / max, threshold);
    }
}
