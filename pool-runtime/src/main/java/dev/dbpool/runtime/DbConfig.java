package dev.dbpool.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a service's pool needs, immutable and validated on construction.
 *
 * <p>Start from {@link #forService(String)} (the preset) or {@link #fromEnv(String)} (the preset plus
 * the {@code DB_*} variables), and adjust with the {@code with...} copies. Every invalid value is an
 * {@link InvalidConfigException} that names the field and the value. {@link #toString()} masks the
 * password.
 */
public record DbConfig(
        String serviceName,
        String databaseUrl,
        int maxConnections,
        int minConnections,
        Duration connectTimeout,
        Duration acquireTimeout,
        Duration idleTimeout,
        Duration maxLifetime,
        boolean testBeforeAcquire) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(600);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofSeconds(1800);
    /** Used when {@code DATABASE_URL} is not set: the local server, as libpq would pick. */
    public static final String DEFAULT_DATABASE_URL = "postgres://localhost:5432/postgres";

    private static final Logger LOG = LoggerFactory.getLogger(DbConfig.class);

    public DbConfig {
        if (serviceName == null || serviceName.isBlank()) {
            throw InvalidConfigException.mustBe("serviceName", "a non-blank name", serviceName == null ? "" : serviceName);
        }
        DatabaseUrl.parse("databaseUrl", databaseUrl);
        if (maxConnections < 1) {
            throw InvalidConfigException.mustBe("maxConnections", "a positive integer", maxConnections);
        }
        if (minConnections < 0) {
            throw InvalidConfigException.mustBe("minConnections", "a non-negative integer", minConnections);
        }
        if (minConnections > maxConnections) {
            throw new InvalidConfigException("minConnections (" + minConnections
                    + ") must not exceed maxConnections (" + maxConnections + ")");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("acquireTimeout", acquireTimeout);
        requirePositive("idleTimeout", idleTimeout);
        requirePositive("maxLifetime", maxLifetime);
    }

    /**
     * The preset for {@code service} with the URL from {@code DATABASE_URL}. An unknown service gets
     * the conservative default ({@value ServicePreset#DEFAULT_MAX_CONNECTIONS} max,
     * {@value ServicePreset#DEFAULT_MIN_CONNECTIONS} min) and a logged warning.
     */
    public static DbConfig forService(String service) {
        return forService(service, System::getenv);
    }

    static DbConfig forService(String service, Function<String, String> env) {
        ServicePreset preset = ServicePreset.find(service).orElseGet(() -> {
            LOG.warn("No preset for service '{}': using the conservative default (max={}, min={}); "
                            + "add it to ServicePreset or set DB_MAX_CONNECTIONS", service,
                    ServicePreset.DEFAULT_MAX_CONNECTIONS, ServicePreset.DEFAULT_MIN_CONNECTIONS);
            return ServicePreset.forService(service);
        });
        String url = env.apply(EnvOverrides.DATABASE_URL);
        if (url == null || url.isBlank()) {
            url = DEFAULT_DATABASE_URL;
        } else {
            DatabaseUrl.parse(EnvOverrides.DATABASE_URL, url);
        }
        return new DbConfig(service, url.strip(),
                preset.maxConnections(), preset.minConnections(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME, true);
    }

    /**
     * The preset for {@code service} with every {@code DB_*} variable that is set applied:
     * {@code DATABASE_URL}, {@code DB_MAX_CONNECTIONS}, {@code DB_MIN_CONNECTIONS},
     * {@code DB_ACQUIRE_TIMEOUT_SECS}, {@code DB_CONNECT_TIMEOUT_SECS}, {@code DB_IDLE_TIMEOUT_SECS},
     * {@code DB_MAX_LIFETIME_SECS}.
     *
     * @throws InvalidConfigException naming the variable and its value
     */
    public static DbConfig fromEnv(String service) {
        return fromEnv(service, System::getenv);
    }

    /** {@link #fromEnv(String)} reading the variables from {@code env} instead of the process. */
    public static DbConfig fromEnv(String service, Map<String, String> env) {
        return fromEnv(service, env::get);
    }

    static DbConfig fromEnv(String service, Function<String, String> env) {
        return EnvOverrides.apply(forService(service, env), env);
    }

    public DbConfig withServiceName(String value) {
        return new DbConfig(value, databaseUrl, maxConnections, minConnections, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withDatabaseUrl(String value) {
        return new DbConfig(serviceName, value, maxConnections, minConnections, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withMaxConnections(int value) {
        return new DbConfig(serviceName, databaseUrl, value, minConnections, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withMinConnections(int value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, value, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    /** Sets both sizes at once, so that shrinking max below the old min is one valid step. */
    public DbConfig withPoolSize(int max, int min) {
        return new DbConfig(serviceName, databaseUrl, max, min, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withConnectTimeout(Duration value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, minConnections, value,
                acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withAcquireTimeout(Duration value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, minConnections, connectTimeout,
                value, idleTimeout, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withIdleTimeout(Duration value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, minConnections, connectTimeout,
                acquireTimeout, value, maxLifetime, testBeforeAcquire);
    }

    public DbConfig withMaxLifetime(Duration value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, minConnections, connectTimeout,
                acquireTimeout, idleTimeout, value, testBeforeAcquire);
    }

    public DbConfig withTestBeforeAcquire(boolean value) {
        return new DbConfig(serviceName, databaseUrl, maxConnections, minConnections, connectTimeout,
                acquireTimeout, idleTimeout, maxLifetime, value);
    }

    /** The parsed URL: credential-free JDBC URL, user, password. */
    public DatabaseUrl parsedDatabaseUrl() {
        return DatabaseUrl.parse("databaseUrl", databaseUrl);
    }

    /** Like the record's own, with the password masked. */
    @Override
    public String toString() {
        return "DbConfig[serviceName=" + serviceName
                + ", databaseUrl=" + parsedDatabaseUrl()
                + ", maxConnections=" + maxConnections
                + ", minConnections=" + minConnections
                + ", connectTimeout=" + connectTimeout
                + ", acquireTimeout=" + acquireTimeout
                + ", idleTimeout=" + idleTimeout
                + ", maxLifetime=" + maxLifetime
                + ", testBeforeAcquire=" + testBeforeAcquire + "]";
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw InvalidConfigException.mustBe(field, "a positive duration", value);
        }
    }
}
