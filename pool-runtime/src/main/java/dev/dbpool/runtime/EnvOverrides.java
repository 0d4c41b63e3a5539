package dev.dbpool.runtime;

import java.time.Duration;
import java.util.function.Function;

/** Applies the {@code DB_*} environment variables to a config; every bad value names its variable. */
final class EnvOverrides {

    static final String DATABASE_URL = "DATABASE_URL";
    static final String DB_MAX_CONNECTIONS = "DB_MAX_CONNECTIONS";
    static final String DB_MIN_CONNECTIONS = "DB_MIN_CONNECTIONS";
    static final String DB_ACQUIRE_TIMEOUT_SECS = "DB_ACQUIRE_TIMEOUT_SECS";
    static final String DB_CONNECT_TIMEOUT_SECS = "DB_CONNECT_TIMEOUT_SECS";
    static final String DB_IDLE_TIMEOUT_SECS = "DB_IDLE_TIMEOUT_SECS";
    static final String DB_MAX_LIFETIME_SECS = "DB_MAX_LIFETIME_SECS";
    static final String DB_SOCKET_TIMEOUT_SECS = "DB_SOCKET_TIMEOUT_SECS";
    static final String DB_TCP_KEEPALIVE = "DB_TCP_KEEPALIVE";
    static final String DB_CANCEL_SIGNAL_TIMEOUT_SECS = "DB_CANCEL_SIGNAL_TIMEOUT_SECS";

    private EnvOverrides() {
    }

    static DbConfig apply(DbConfig preset, Function<String, String> env) {
        Integer max = integer(env, DB_MAX_CONNECTIONS, 1, "a positive integer");
        Integer min = integer(env, DB_MIN_CONNECTIONS, 0, "a non-negative integer");
        int effectiveMax = max != null ? max : preset.maxConnections();
        int effectiveMin = min != null ? min : preset.minConnections();
        if (effectiveMin > effectiveMax) {
            throw new InvalidConfigException(sizeConflict(preset, max, min, effectiveMax, effectiveMin));
        }
        DbConfig config = preset.withPoolSize(effectiveMax, effectiveMin);
        Duration acquire = seconds(env, DB_ACQUIRE_TIMEOUT_SECS);
        Duration connect = seconds(env, DB_CONNECT_TIMEOUT_SECS);
        Duration idle = seconds(env, DB_IDLE_TIMEOUT_SECS);
        Duration lifetime = seconds(env, DB_MAX_LIFETIME_SECS);
        Integer socketSeconds = integer(env, DB_SOCKET_TIMEOUT_SECS, 0, "a non-negative integer (seconds; 0 = no limit)");
        Boolean keepAlive = bool(env, DB_TCP_KEEPALIVE);
        Duration cancel = seconds(env, DB_CANCEL_SIGNAL_TIMEOUT_SECS);
        // The copies keep the parsed URL and its credentials (databaseUrl() is only the masked text).
        return config
                .withSocketTimeout(socketSeconds != null ? Duration.ofSeconds(socketSeconds) : config.socketTimeout())
                .withTcpKeepAlive(keepAlive != null ? keepAlive : config.tcpKeepAlive())
                .withCancelSignalTimeout(cancel != null ? cancel : config.cancelSignalTimeout())
                .withConnectTimeout(connect != null ? connect : config.connectTimeout())
                .withAcquireTimeout(acquire != null ? acquire : config.acquireTimeout())
                .withIdleTimeout(idle != null ? idle : config.idleTimeout())
                .withMaxLifetime(lifetime != null ? lifetime : config.maxLifetime());
    }

    private static String sizeConflict(DbConfig preset, Integer max, Integer min, int effectiveMax, int effectiveMin) {
        String minSource = min != null ? DB_MIN_CONNECTIONS + "=" + effectiveMin
                : "the " + preset.serviceName() + " preset's min (" + effectiveMin + ")";
        String maxSource = max != null ? DB_MAX_CONNECTIONS + "=" + effectiveMax
                : "the " + preset.serviceName() + " preset's max (" + effectiveMax + ")";
        return minSource + " must not exceed " + maxSource;
    }

    static Integer integer(Function<String, String> env, String name, int least, String requirement) {
        String raw = env.apply(name);
        if (raw == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name, never as a bare NumberFormatException
        }
        throw InvalidConfigException.mustBe(name, requirement, raw);
    }

    private static Duration seconds(Function<String, String> env, String name) {
        Integer value = integer(env, name, 1, "a positive integer (seconds)");
        return value == null ? null : Duration.ofSeconds(value);
    }

    /** {@code true} or {@code false} (any case), or {@code null} when {@code name} is not set. */
    static Boolean bool(Function<String, String> env, String name) {
        String raw = env.apply(name);
        if (raw == null) {
            return null;
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidConfigException.mustBe(name, "true or false", raw);
        };
    }

    /** A positive whole number of milliseconds, or {@code null} when {@code name} is not set. */
    static Duration millis(Function<String, String> env, String name) {
        Integer value = integer(env, name, 1, "a positive integer (milliseconds)");
        return value == null ? null : Duration.ofMillis(value);
    }

    /** A number from 0.0 to 1.0, or {@code null} when {@code name} is not set. */
    static Double fraction(Function<String, String> env, String name) {
        String raw = env.apply(name);
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
        throw InvalidConfigException.mustBe(name, "a number from 0.0 to 1.0", raw);
    }
}
