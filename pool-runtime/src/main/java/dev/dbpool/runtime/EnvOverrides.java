package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;

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

    static DbConfig apply(DbConfig preset, Function<String, String> variables) {
        Parameters env = Parameters.of(variables);
        Integer max = env.integer(DB_MAX_CONNECTIONS, 1, "a positive integer");
        Integer min = env.integer(DB_MIN_CONNECTIONS, 0, "a non-negative integer");
        int effectiveMax = max != null ? max : preset.maxConnections();
        int effectiveMin = min != null ? min : preset.minConnections();
        if (effectiveMin > effectiveMax) {
            throw new InvalidConfigException(sizeConflict(preset, max, min, effectiveMax, effectiveMin));
        }
        DbConfig config = preset.withPoolSize(effectiveMax, effectiveMin);
        Duration acquire = env.seconds(DB_ACQUIRE_TIMEOUT_SECS);
        Duration connect = env.seconds(DB_CONNECT_TIMEOUT_SECS);
        Duration idle = env.seconds(DB_IDLE_TIMEOUT_SECS);
        Duration lifetime = env.seconds(DB_MAX_LIFETIME_SECS);
        Integer socketSeconds = env.integer(DB_SOCKET_TIMEOUT_SECS, 0, "a non-negative integer (seconds; 0 = no limit)");
        Boolean keepAlive = env.bool(DB_TCP_KEEPALIVE);
        Duration cancel = env.seconds(DB_CANCEL_SIGNAL_TIMEOUT_SECS);
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
}
