package dev.dbpool.runtime.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Where configuration text comes from, read one typed value at a time: the environment
 * ({@code DB_MAX_CONNECTIONS}, {@code DB_POOL_*}) or a framework's properties. The one place where that
 * text becomes numbers, used by the pool's config, every admission policy's settings, the Spring
 * starter and {@code dbpool plan}.
 *
 * <p>Values are looked up by their environment variable's name, the canonical key; a source may show
 * another name in its errors (the Spring starter shows {@code dbpool.backpressure.threshold} for a
 * value that came from that property). A value that is set but bad is an
 * {@link InvalidConfigException} naming the variable (or property) and the value, never a
 * {@code NumberFormatException}; an unset one is {@code null}.
 */
public final class Parameters {

    private final Function<String, String> values;
    private final UnaryOperator<String> names;

    private Parameters(Function<String, String> values, UnaryOperator<String> names) {
        this.values = Objects.requireNonNull(values, "values");
        this.names = Objects.requireNonNull(names, "names");
    }

    /** Variables read through {@code env} (a name to its value, or {@code null}), named as themselves. */
    public static Parameters of(Function<String, String> env) {
        return new Parameters(env, UnaryOperator.identity());
    }

    /**
     * Values read through {@code values} by variable name, and errors that call a variable what
     * {@code names} makes of it (for example the property it was bound from).
     */
    public static Parameters of(Function<String, String> values, UnaryOperator<String> names) {
        return new Parameters(values, names);
    }

    /** The process's environment. */
    public static Parameters environment() {
        return of(System::getenv);
    }

    /** The text of {@code key}, or {@code null} when it is not set. */
    public String raw(String key) {
        return values.apply(key);
    }

    /** What errors call {@code key}. */
    public String name(String key) {
        return names.apply(key);
    }

    /** {@link #raw} as a function, for code that reads variables one by one. */
    public Function<String, String> asFunction() {
        return values;
    }

    /** A whole number of at least {@code least}; {@code requirement} says so in words. */
    public Integer integer(String key, int least, String requirement) {
        String raw = raw(key);
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw InvalidConfigException.mustBe(name(key), requirement, raw);
    }

    /** A positive whole number of seconds. */
    public Duration seconds(String key) {
        Integer value = integer(key, 1, "a positive integer (seconds)");
        return value == null ? null : Duration.ofSeconds(value);
    }

    /** A positive whole number of milliseconds. */
    public Duration millis(String key) {
        Integer value = integer(key, 1, "a positive integer (milliseconds)");
        return value == null ? null : Duration.ofMillis(value);
    }

    /** {@code true} or {@code false}, in any case. */
    public Boolean bool(String key) {
        String raw = raw(key);
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidConfigException.mustBe(name(key), "true or false", raw);
        };
    }

    /** A number from 0.0 to 1.0. */
    public Double fraction(String key) {
        String raw = raw(key);
        if (raw == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.strip());
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw InvalidConfigException.mustBe(name(key), "a number from 0.0 to 1.0", raw);
    }

    /** A positive duration, else an error naming {@code name}: the check every settings record shares. */
    public static Duration requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw InvalidConfigException.mustBe(name, "a positive duration", value);
        }
        return value;
    }
}
