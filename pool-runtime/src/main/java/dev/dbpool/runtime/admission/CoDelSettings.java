package dev.dbpool.runtime.admission;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;

import java.time.Duration;

/**
 * The {@code codel} policy, the default: sheds on a <em>standing</em> queue, not on a momentary count
 * (CoDel, Nichols and Jacobson 2012, as Facebook's Wangle applies it to server queues). See
 * {@link CoDelPolicy} for the algorithm.
 *
 * @param target   the wait a request should expect once the pool is overloaded: the queue is then
 *                 kept to what the pool hands out in this time (5 ms by default)
 * @param interval how long a queue must stand before the pool sheds, and the longest any request
 *                 waits (100 ms by default)
 */
public record CoDelSettings(Duration target, Duration interval) implements AdmissionSettings {

    public static final String NAME = "codel";
    public static final Duration DEFAULT_TARGET = Duration.ofMillis(5);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    public static final String ENV_TARGET = "DB_POOL_CODEL_TARGET_MS";
    public static final String ENV_INTERVAL = "DB_POOL_CODEL_INTERVAL_MS";

    private static final CoDelSettings DEFAULTS = new CoDelSettings(DEFAULT_TARGET, DEFAULT_INTERVAL);

    public CoDelSettings {
        validate(target, interval, "target", "interval");
    }

    public static CoDelSettings ofDefaults() {
        return DEFAULTS;
    }

    /** The defaults, with {@value #ENV_TARGET} and {@value #ENV_INTERVAL} applied when set. */
    public static CoDelSettings from(Parameters parameters) {
        Duration target = parameters.millis(ENV_TARGET);
        Duration interval = parameters.millis(ENV_INTERVAL);
        Duration effectiveTarget = target != null ? target : DEFAULT_TARGET;
        Duration effectiveInterval = interval != null ? interval : DEFAULT_INTERVAL;
        validate(effectiveTarget, effectiveInterval, parameters.name(ENV_TARGET), parameters.name(ENV_INTERVAL));
        return new CoDelSettings(effectiveTarget, effectiveInterval);
    }

    /** The one check, with the names the caller knows the two values by. */
    private static void validate(Duration target, Duration interval, String targetName, String intervalName) {
        Parameters.requirePositive(targetName, target);
        Parameters.requirePositive(intervalName, interval);
        if (target.compareTo(interval) >= 0) {
            throw new InvalidConfigException(targetName + " (" + target.toMillis() + "ms) must be shorter than "
                    + intervalName + " (" + interval.toMillis() + "ms)");
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public AdmissionPolicy newPolicy() {
        return new CoDelPolicy(target.toNanos(), interval.toNanos());
    }

    @Override
    public String describe() {
        return NAME + "(target=" + target.toMillis() + "ms, interval=" + interval.toMillis() + "ms)";
    }

    /** The time the policy needs to see a healthy interval again. */
    @Override
    public Duration retryAfter() {
        return interval;
    }
}
