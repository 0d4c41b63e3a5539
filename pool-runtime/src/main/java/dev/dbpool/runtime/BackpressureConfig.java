package dev.dbpool.runtime;

import dev.dbpool.runtime.admission.AdmissionPolicy;
import dev.dbpool.runtime.admission.CoDelPolicy;
import dev.dbpool.runtime.admission.DeadlinePolicy;
import dev.dbpool.runtime.admission.ThresholdPolicy;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How {@link DbPool#acquireWithBackpressure(BackpressureConfig)} admits requests: a
 * {@link BackpressurePolicy} and its parameters. Immutable, Resilience4j-style:
 * {@link #ofDefaults()}, {@link #of(double)} (the seed's threshold rule), {@link #custom()},
 * {@link #fromEnv()}.
 *
 * <p>The default policy is {@link BackpressurePolicy#CODEL}: it won the default soak on goodput and
 * sheds nothing while the pool is healthy (docs/soak.md, "Choosing the admission policy").
 *
 * @param policy         which rule decides
 * @param threshold      {@code threshold}: refuse when active / max is above this (0.0–1.0)
 * @param codelTarget    {@code codel}: a wait under this means no queue is standing
 * @param codelInterval  {@code codel}: how long a queue must stand before shedding, and the longest
 *                       wait while healthy
 * @param deadline       {@code deadline}: the caller's budget for getting a connection
 */
public record BackpressureConfig(BackpressurePolicy policy, double threshold, Duration codelTarget,
                                 Duration codelInterval, Duration deadline) {

    public static final BackpressurePolicy DEFAULT_POLICY = BackpressurePolicy.CODEL;
    public static final double DEFAULT_THRESHOLD = 0.85;
    public static final Duration DEFAULT_CODEL_TARGET = Duration.ofMillis(5);
    public static final Duration DEFAULT_CODEL_INTERVAL = Duration.ofMillis(100);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(1);

    public static final String ENV_POLICY = "DB_POOL_BACKPRESSURE_POLICY";
    public static final String ENV_THRESHOLD = "DB_POOL_BACKPRESSURE_THRESHOLD";
    public static final String ENV_CODEL_TARGET = "DB_POOL_CODEL_TARGET_MS";
    public static final String ENV_CODEL_INTERVAL = "DB_POOL_CODEL_INTERVAL_MS";
    public static final String ENV_DEADLINE = "DB_POOL_BACKPRESSURE_DEADLINE_MS";

    private static final BackpressureConfig DEFAULTS = new BackpressureConfig(DEFAULT_POLICY, DEFAULT_THRESHOLD,
            DEFAULT_CODEL_TARGET, DEFAULT_CODEL_INTERVAL, DEFAULT_DEADLINE);

    public BackpressureConfig {
        Objects.requireNonNull(policy, "policy");
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw InvalidConfigException.mustBe("threshold", "a number from 0.0 to 1.0", threshold);
        }
        requirePositive("codelTarget", codelTarget);
        requirePositive("codelInterval", codelInterval);
        requirePositive("deadline", deadline);
        if (codelTarget.compareTo(codelInterval) >= 0) {
            throw new InvalidConfigException("codelTarget (" + codelTarget.toMillis()
                    + "ms) must be shorter than codelInterval (" + codelInterval.toMillis() + "ms)");
        }
    }

    /** The default policy with its default parameters. */
    public static BackpressureConfig ofDefaults() {
        return DEFAULTS;
    }

    /** The seed's rule: {@code threshold} policy at {@code threshold}. */
    public static BackpressureConfig of(double threshold) {
        return DEFAULTS.withPolicy(BackpressurePolicy.THRESHOLD).withThreshold(threshold);
    }

    /** {@code policy} with the default parameters. */
    public static BackpressureConfig of(BackpressurePolicy policy) {
        return DEFAULTS.withPolicy(policy);
    }

    /** A builder starting from the defaults. */
    public static Builder custom() {
        return new Builder(DEFAULTS);
    }

    /**
     * The defaults, with {@code DB_POOL_BACKPRESSURE_POLICY} ({@code threshold}, {@code codel},
     * {@code deadline}), {@code DB_POOL_BACKPRESSURE_THRESHOLD} (0.0–1.0), {@code DB_POOL_CODEL_TARGET_MS},
     * {@code DB_POOL_CODEL_INTERVAL_MS} and {@code DB_POOL_BACKPRESSURE_DEADLINE_MS} (positive integers)
     * applied when set; a bad value is an {@link InvalidConfigException} naming the variable and the value.
     *
     * <p>Compatibility: with {@code DB_POOL_BACKPRESSURE_THRESHOLD} set and no policy named, the
     * policy is {@code threshold}, as it was before there were policies.
     */
    public static BackpressureConfig fromEnv() {
        return fromEnv(System::getenv);
    }

    public static BackpressureConfig fromEnv(Map<String, String> env) {
        return fromEnv(env::get);
    }

    /** {@link #fromEnv()} reading each variable through {@code env} (a name to its value, or {@code null}). */
    public static BackpressureConfig fromEnv(Function<String, String> env) {
        String policyName = env.apply(ENV_POLICY);
        Double threshold = EnvOverrides.fraction(env, ENV_THRESHOLD);
        Duration target = EnvOverrides.millis(env, ENV_CODEL_TARGET);
        Duration interval = EnvOverrides.millis(env, ENV_CODEL_INTERVAL);
        Duration deadline = EnvOverrides.millis(env, ENV_DEADLINE);
        BackpressurePolicy policy = policyName != null ? BackpressurePolicy.parse(policyName, ENV_POLICY)
                : threshold != null ? BackpressurePolicy.THRESHOLD : DEFAULT_POLICY;
        Duration effectiveTarget = target != null ? target : DEFAULT_CODEL_TARGET;
        Duration effectiveInterval = interval != null ? interval : DEFAULT_CODEL_INTERVAL;
        if (effectiveTarget.compareTo(effectiveInterval) >= 0) {
            throw new InvalidConfigException(ENV_CODEL_TARGET + " (" + effectiveTarget.toMillis()
                    + ") must be less than " + ENV_CODEL_INTERVAL + " (" + effectiveInterval.toMillis() + ")");
        }
        return new BackpressureConfig(policy, threshold != null ? threshold : DEFAULT_THRESHOLD,
                effectiveTarget, effectiveInterval, deadline != null ? deadline : DEFAULT_DEADLINE);
    }

    public BackpressureConfig withPolicy(BackpressurePolicy value) {
        return new BackpressureConfig(value, threshold, codelTarget, codelInterval, deadline);
    }

    public BackpressureConfig withThreshold(double value) {
        return new BackpressureConfig(policy, value, codelTarget, codelInterval, deadline);
    }

    public BackpressureConfig withCodel(Duration target, Duration interval) {
        return new BackpressureConfig(policy, threshold, target, interval, deadline);
    }

    public BackpressureConfig withDeadline(Duration value) {
        return new BackpressureConfig(policy, threshold, codelTarget, codelInterval, value);
    }

    /** The seed's decision, kept for callers that ask it directly: {@code active / max > threshold}. */
    public boolean rejects(int active, int max) {
        return ThresholdPolicy.rejects(active, max, threshold);
    }

    /** A fresh policy with this config's parameters: one per pool, since a policy keeps the pool's state. */
    public AdmissionPolicy newPolicy() {
        return switch (policy) {
            case THRESHOLD -> new ThresholdPolicy(threshold);
            case CODEL -> new CoDelPolicy(codelTarget.toNanos(), codelInterval.toNanos());
            case DEADLINE -> new DeadlinePolicy(deadline.toNanos());
        };
    }

    /**
     * What a shed caller should wait before trying again: the time the policy needs to see the pool
     * healthy again (codel's interval, the deadline, or 1 s for the threshold rule).
     */
    public Duration retryAfter() {
        return switch (policy) {
            case THRESHOLD -> Duration.ofSeconds(1);
            case CODEL -> codelInterval;
            case DEADLINE -> deadline;
        };
    }

    /** {@code codel(target=5ms, interval=100ms)}, for logs and reports. */
    public String describe() {
        return switch (policy) {
            case THRESHOLD -> "threshold(" + threshold + ")";
            case CODEL -> "codel(target=" + codelTarget.toMillis() + "ms, interval=" + codelInterval.toMillis() + "ms)";
            case DEADLINE -> "deadline(" + deadline.toMillis() + "ms)";
        };
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw InvalidConfigException.mustBe(name, "a positive duration", value);
        }
    }

    /** Mutable, validated at {@link #build()}. */
    public static final class Builder {
        private BackpressurePolicy policy;
        private double threshold;
        private Duration codelTarget;
        private Duration codelInterval;
        private Duration deadline;

        private Builder(BackpressureConfig from) {
            this.policy = from.policy;
            this.threshold = from.threshold;
            this.codelTarget = from.codelTarget;
            this.codelInterval = from.codelInterval;
            this.deadline = from.deadline;
        }

        public Builder policy(BackpressurePolicy value) {
            this.policy = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder codelTarget(Duration value) {
            this.codelTarget = value;
            return this;
        }

        public Builder codelInterval(Duration value) {
            this.codelInterval = value;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = value;
            return this;
        }

        public BackpressureConfig build() {
            return new BackpressureConfig(policy, threshold, codelTarget, codelInterval, deadline);
        }
    }
}
