package dev.dbpool.runtime.admission;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;

import java.time.Duration;
import java.util.Locale;

/**
 * The {@code threshold} policy: refuse at once when {@code inUse / max > threshold} at the moment of
 * the request, otherwise wait up to the acquire timeout. It is the rule of the original design, kept
 * for compatibility and as the reference every comparison shows: under random arrivals it sheds
 * healthy traffic, because a pool at 65% mean utilization is often momentarily above 85% with
 * nothing wrong.
 *
 * @param threshold refuse when in use / max is above this, 0.0 to 1.0 ({@value #DEFAULT_THRESHOLD} by default)
 */
public record ThresholdSettings(double threshold) implements AdmissionSettings {

    public static final String NAME = "threshold";
    public static final double DEFAULT_THRESHOLD = 0.85;
    public static final String ENV_THRESHOLD = "DB_POOL_BACKPRESSURE_THRESHOLD";

    public ThresholdSettings {
        validate(threshold, "threshold");
    }

    public static ThresholdSettings ofDefaults() {
        return new ThresholdSettings(DEFAULT_THRESHOLD);
    }

    /** The defaults, with {@value #ENV_THRESHOLD} applied when it is set. */
    public static ThresholdSettings from(Parameters parameters) {
        Double threshold = parameters.fraction(ENV_THRESHOLD);
        return new ThresholdSettings(threshold != null ? threshold : DEFAULT_THRESHOLD);
    }

    private static void validate(double threshold, String name) {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw InvalidConfigException.mustBe(name, "a number from 0.0 to 1.0", threshold);
        }
    }

    /** The decision itself: {@code inUse / max > threshold}. */
    public boolean rejects(int inUse, int max) {
        return (double) inUse / max > threshold;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdmissionPolicy newPolicy() {
        return new ThresholdPolicy(this);
    }

    @Override
    public String describe() {
        return NAME + "(" + threshold + ")";
    }

    /** The rule has no memory: a second later the count may well be lower. */
    @Override
    public Duration retryAfter() {
        return Duration.ofSeconds(1);
    }

    /** The policy: stateless but for the gauge. */
    private static final class ThresholdPolicy implements AdmissionPolicy {

        private final ThresholdSettings settings;
        private volatile boolean lastRejected;

        ThresholdPolicy(ThresholdSettings settings) {
            this.settings = settings;
        }

        @Override
        public long admit(Occupancy pool, long timeoutNanos) {
            boolean reject = settings.rejects(pool.inUse(), pool.max());
            if (reject != lastRejected) {
                // Written only when it changes: threads deciding at once do not take turns owning the line.
                lastRejected = reject;
            }
            return reject ? REJECT : timeoutNanos;
        }

        @Override
        public boolean overloaded() {
            return lastRejected;
        }

        @Override
        public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
            return String.format(Locale.ROOT, "utilization %.2f > %.2f", (double) inUse / max, settings.threshold);
        }
    }
}
