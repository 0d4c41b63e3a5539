package dev.dbpool.runtime;

import java.util.Map;
import java.util.function.Function;

/**
 * When {@link DbPool#acquireWithBackpressure(BackpressureConfig)} refuses at once instead of waiting:
 * when {@code active / max > threshold} at the moment of the request.
 *
 * <p>Immutable; {@link #ofDefaults()} is 0.85, {@link #of(double)} any value in [0.0, 1.0],
 * {@link #fromEnv()} reads {@code DB_POOL_BACKPRESSURE_THRESHOLD}.
 */
public record BackpressureConfig(double threshold) {

    public static final double DEFAULT_THRESHOLD = 0.85;
    public static final String ENV_THRESHOLD = "DB_POOL_BACKPRESSURE_THRESHOLD";

    private static final BackpressureConfig DEFAULTS = new BackpressureConfig(DEFAULT_THRESHOLD);

    public BackpressureConfig {
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw InvalidConfigException.mustBe("threshold", "a number from 0.0 to 1.0", threshold);
        }
    }

    public static BackpressureConfig ofDefaults() {
        return DEFAULTS;
    }

    public static BackpressureConfig of(double threshold) {
        return new BackpressureConfig(threshold);
    }

    /** The default, or {@code DB_POOL_BACKPRESSURE_THRESHOLD} when set (0.0–1.0, else an error naming it). */
    public static BackpressureConfig fromEnv() {
        return fromEnv(System::getenv);
    }

    public static BackpressureConfig fromEnv(Map<String, String> env) {
        return fromEnv(env::get);
    }

    static BackpressureConfig fromEnv(Function<String, String> env) {
        String raw = env.apply(ENV_THRESHOLD);
        if (raw == null) {
            return DEFAULTS;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value >= 0.0 && value <= 1.0) {
                return new BackpressureConfig(value);
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw InvalidConfigException.mustBe(ENV_THRESHOLD, "a number from 0.0 to 1.0", raw);
    }

    /** The decision itself: {@code true} when {@code active} of {@code max} is above the threshold. */
    public boolean rejects(int active, int max) {
        return (double) active / max > threshold;
    }
}
