package dev.dbpool.runtime;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.CoDelSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;

import java.util.Map;
import java.util.function.Function;

/**
 * The entry points for a pool's admission settings, by the names the original design gave them;
 * each returns the settings of one policy ({@link dev.dbpool.runtime.admission}) for
 * {@code DbPool.builder(config).admission(...)}.
 *
 * <pre>{@code
 * DbPool pool = DbPool.builder(DbConfig.fromEnv("auth-service"))
 *         .admission(BackpressureConfig.fromEnv())   // the builder's default too
 *         .build();
 * }</pre>
 */
public final class BackpressureConfig {

    public static final String ENV_POLICY = Admission.ENV_POLICY;
    public static final String ENV_THRESHOLD = ThresholdSettings.ENV_THRESHOLD;
    public static final String ENV_CODEL_TARGET = CoDelSettings.ENV_TARGET;
    public static final String ENV_CODEL_INTERVAL = CoDelSettings.ENV_INTERVAL;
    public static final double DEFAULT_THRESHOLD = ThresholdSettings.DEFAULT_THRESHOLD;

    private BackpressureConfig() {
    }

    /** The default policy with its default parameters: {@code codel(target=5ms, interval=100ms)}. */
    public static AdmissionSettings ofDefaults() {
        return Admission.ofDefaults();
    }

    /** The threshold rule at {@code threshold}: refuse when in use / max is above it. */
    public static ThresholdSettings of(double threshold) {
        return new ThresholdSettings(threshold);
    }

    /**
     * The policy {@code DB_POOL_BACKPRESSURE_POLICY} names ({@code codel}, the default;
     * {@code threshold}; {@code none}) with its parameters from the environment:
     * {@code DB_POOL_BACKPRESSURE_THRESHOLD} (0.0-1.0), {@code DB_POOL_CODEL_TARGET_MS} and
     * {@code DB_POOL_CODEL_INTERVAL_MS} (positive integers). With {@code DB_POOL_BACKPRESSURE_THRESHOLD}
     * set and no policy named, the policy is {@code threshold}.
     *
     * @throws InvalidConfigException naming the variable and the value
     */
    public static AdmissionSettings fromEnv() {
        return Admission.from(Parameters.environment());
    }

    /** {@link #fromEnv()} reading the variables from {@code env}. */
    public static AdmissionSettings fromEnv(Map<String, String> env) {
        return fromEnv(env::get);
    }

    /** {@link #fromEnv()} reading each variable through {@code env} (a name to its value, or {@code null}). */
    public static AdmissionSettings fromEnv(Function<String, String> env) {
        return Admission.from(Parameters.of(env));
    }
}
