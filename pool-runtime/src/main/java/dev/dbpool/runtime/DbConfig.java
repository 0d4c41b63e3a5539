package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a service's pool needs, immutable and validated on construction: a record-like value
 * (accessors named after the fields, {@code equals}/{@code hashCode} over every field, {@code with...}
 * copies), but not a {@code record}, so that the password can live in a field that no accessor
 * returns as text.
 *
 * <p>Start from {@link #forService(String)} (the preset) or {@link #fromEnv(String)} (the preset plus
 * the {@code DB_*} variables), and adjust with {@link #toBuilder()} or the {@code with...} copies. Every invalid value is an
 * {@link InvalidConfigException} that names the field and the value.
 *
 * <p>The password: {@link #databaseUrl()} returns the URL as given with any password replaced by
 * {@code ***}, and {@link #toString()} shows the credential-free JDBC URL and the user, so that
 * logging a config, its URL or an exception about it never prints the password. The pool reaches the
 * credentials through {@link #parsedDatabaseUrl()}{@code .password()}, a call that has to be made on
 * purpose and whose result has no other use.
 */
public final class DbConfig {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(600);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofSeconds(1800);
    /**
     * pgjdbc's {@code socketTimeout}: the longest a read on a connection may block. It bounds how long a
     * request whose network went silent (a blackhole: no answer, no reset) keeps its pool slot. Three
     * times the default acquire timeout, so that the pool's own timeouts fire first and a statement that
     * legitimately waits (a lock held by a migration for a dozen seconds) is not mistaken for a dead peer.
     */
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    /** pgjdbc's {@code cancelSignalTimeout} (its own default): how long sending a query cancel may take. */
    public static final Duration DEFAULT_CANCEL_SIGNAL_TIMEOUT = Duration.ofSeconds(10);
    /** Used when {@code DATABASE_URL} is not set: the local server, as libpq would pick. */
    public static final String DEFAULT_DATABASE_URL = "postgres://localhost:5432/postgres";

    private static final Logger LOG = LoggerFactory.getLogger(DbConfig.class);

    private final String serviceName;
    /** The URL as given, password masked: what {@link #databaseUrl()} shows. */
    private final String databaseUrl;
    /** The parsed URL with the credentials. */
    private final DatabaseUrl url;
    private final int maxConnections;
    private final int minConnections;
    private final Duration connectTimeout;
    private final Duration acquireTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final boolean testBeforeAcquire;
    private final Network network;

    /** The transport settings, kept together so that the copies below stay short. */
    private record Network(Duration socketTimeout, boolean tcpKeepAlive, Duration cancelSignalTimeout) {
        static final Network DEFAULTS = new Network(DEFAULT_SOCKET_TIMEOUT, true, DEFAULT_CANCEL_SIGNAL_TIMEOUT);
    }

    /**
     * A config from every field; {@code databaseUrl} in either form ({@code postgres://user:pass@host/db}
     * or {@code jdbc:postgresql://host/db?user=..&password=..}).
     */
    public DbConfig(String serviceName, String databaseUrl, int maxConnections, int minConnections,
                    Duration connectTimeout, Duration acquireTimeout, Duration idleTimeout, Duration maxLifetime,
                    boolean testBeforeAcquire) {
        this(serviceName, DatabaseUrl.mask(databaseUrl == null ? null : databaseUrl.strip()),
                DatabaseUrl.parse("databaseUrl", databaseUrl), maxConnections, minConnections,
                connectTimeout, acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire, Network.DEFAULTS);
    }

    private DbConfig(String serviceName, String maskedUrl, DatabaseUrl url, int maxConnections, int minConnections,
                     Duration connectTimeout, Duration acquireTimeout, Duration idleTimeout, Duration maxLifetime,
                     boolean testBeforeAcquire, Network network) {
        if (serviceName == null || serviceName.isBlank()) {
            throw InvalidConfigException.mustBe("serviceName", "a non-blank name", serviceName == null ? "" : serviceName);
        }
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
        Objects.requireNonNull(network, "network");
        requireNotNegative("socketTimeout", network.socketTimeout());
        requirePositive("cancelSignalTimeout", network.cancelSignalTimeout());
        this.serviceName = serviceName;
        this.databaseUrl = maskedUrl;
        this.url = Objects.requireNonNull(url, "url");
        this.maxConnections = maxConnections;
        this.minConnections = minConnections;
        this.connectTimeout = connectTimeout;
        this.acquireTimeout = acquireTimeout;
        this.idleTimeout = idleTimeout;
        this.maxLifetime = maxLifetime;
        this.testBeforeAcquire = testBeforeAcquire;
        this.network = network;
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
        }
        url = url.strip();
        return new DbConfig(service, DatabaseUrl.mask(url), DatabaseUrl.parse(EnvOverrides.DATABASE_URL, url),
                preset.maxConnections(), preset.minConnections(), DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_ACQUIRE_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_LIFETIME, true, Network.DEFAULTS);
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

    /**
     * {@link #fromEnv(String)} reading each variable through {@code env} (a name to its value, or
     * {@code null} when unset): a framework's environment, for example Spring's
     * {@code Environment::getProperty}.
     */
    public static DbConfig fromEnv(String service, Function<String, String> env) {
        return EnvOverrides.apply(forService(service, env), env);
    }

    /** A builder holding this config's values, to change several at once: {@code config.toBuilder().maxConnections(8).build()}. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** {@code toBuilder().serviceName(value).build()}, and likewise for every {@code with...} below. */
    public DbConfig withServiceName(String value) {
        return toBuilder().serviceName(value).build();
    }

    /** A copy with {@code value} (either form) as the URL, user and password. */
    public DbConfig withDatabaseUrl(String value) {
        return toBuilder().databaseUrl(value).build();
    }

    /**
     * A copy that logs in as {@code user} with {@code password} (each {@code null} to keep the URL's),
     * for credentials that come apart from the URL ({@code spring.datasource.username/password}, a
     * secret store). {@link #databaseUrl()} still shows the URL as given.
     */
    public DbConfig withCredentials(String user, String password) {
        return toBuilder().credentials(user, password).build();
    }

    public DbConfig withMaxConnections(int value) {
        return toBuilder().maxConnections(value).build();
    }

    public DbConfig withMinConnections(int value) {
        return toBuilder().minConnections(value).build();
    }

    /** Sets both sizes at once, so that shrinking max below the old min is one valid step. */
    public DbConfig withPoolSize(int max, int min) {
        return toBuilder().maxConnections(max).minConnections(min).build();
    }

    public DbConfig withConnectTimeout(Duration value) {
        return toBuilder().connectTimeout(value).build();
    }

    public DbConfig withAcquireTimeout(Duration value) {
        return toBuilder().acquireTimeout(value).build();
    }

    public DbConfig withIdleTimeout(Duration value) {
        return toBuilder().idleTimeout(value).build();
    }

    public DbConfig withMaxLifetime(Duration value) {
        return toBuilder().maxLifetime(value).build();
    }

    public DbConfig withTestBeforeAcquire(boolean value) {
        return toBuilder().testBeforeAcquire(value).build();
    }

    /**
     * pgjdbc's {@code socketTimeout}, a copy; {@link Duration#ZERO} turns it off (a read may then block
     * for as long as the operating system keeps a silent connection, which is hours).
     */
    public DbConfig withSocketTimeout(Duration value) {
        return toBuilder().socketTimeout(value).build();
    }

    /** pgjdbc's {@code tcpKeepAlive} (SO_KEEPALIVE on every connection), a copy. */
    public DbConfig withTcpKeepAlive(boolean value) {
        return toBuilder().tcpKeepAlive(value).build();
    }

    /** pgjdbc's {@code cancelSignalTimeout}, a copy. */
    public DbConfig withCancelSignalTimeout(Duration value) {
        return toBuilder().cancelSignalTimeout(value).build();
    }

    public String serviceName() {
        return serviceName;
    }

    /**
     * The URL as given, with any password replaced by {@code ***}
     * ({@code postgres://app:***@db:5432/app}): safe to log, not a way to connect. The credentials
     * are in {@link #parsedDatabaseUrl()}.
     */
    public String databaseUrl() {
        return databaseUrl;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int minConnections() {
        return minConnections;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration maxLifetime() {
        return maxLifetime;
    }

    public boolean testBeforeAcquire() {
        return testBeforeAcquire;
    }

    /**
     * The longest one read on a connection may block (pgjdbc's {@code socketTimeout}; default
     * {@link #DEFAULT_SOCKET_TIMEOUT}); {@link Duration#ZERO} means no limit. When it passes, the
     * statement fails, pgjdbc closes the connection and the pool replaces it: the bound on how long a
     * request whose network went silent holds its slot.
     */
    public Duration socketTimeout() {
        return network.socketTimeout();
    }

    /** Whether connections set SO_KEEPALIVE (pgjdbc's {@code tcpKeepAlive}; default true). */
    public boolean tcpKeepAlive() {
        return network.tcpKeepAlive();
    }

    /** How long sending a query cancel may take (pgjdbc's {@code cancelSignalTimeout}; default 10 s). */
    public Duration cancelSignalTimeout() {
        return network.cancelSignalTimeout();
    }

    /**
     * The parsed URL: the credential-free JDBC URL, the user and the password. Its {@code toString()}
     * masks the password; {@link DatabaseUrl#password()} is the one call that returns it (for opening
     * connections; never log it).
     */
    public DatabaseUrl parsedDatabaseUrl() {
        return url;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DbConfig other && serviceName.equals(other.serviceName)
                && url.equals(other.url) && maxConnections == other.maxConnections
                && minConnections == other.minConnections && connectTimeout.equals(other.connectTimeout)
                && acquireTimeout.equals(other.acquireTimeout) && idleTimeout.equals(other.idleTimeout)
                && maxLifetime.equals(other.maxLifetime) && testBeforeAcquire == other.testBeforeAcquire
                && network.equals(other.network);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serviceName, url, maxConnections, minConnections, connectTimeout, acquireTimeout,
                idleTimeout, maxLifetime, testBeforeAcquire, network);
    }

    /** Every field, the URL as the credential-free JDBC URL and the user: never the password. */
    @Override
    public String toString() {
        return "DbConfig[serviceName=" + serviceName
                + ", databaseUrl=" + url
                + ", maxConnections=" + maxConnections
                + ", minConnections=" + minConnections
                + ", connectTimeout=" + connectTimeout
                + ", acquireTimeout=" + acquireTimeout
                + ", idleTimeout=" + idleTimeout
                + ", maxLifetime=" + maxLifetime
                + ", testBeforeAcquire=" + testBeforeAcquire
                + ", socketTimeout=" + network.socketTimeout()
                + ", tcpKeepAlive=" + network.tcpKeepAlive()
                + ", cancelSignalTimeout=" + network.cancelSignalTimeout() + "]";
    }

    private static void requireNotNegative(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw InvalidConfigException.mustBe(field, "a duration of zero (no limit) or more", value);
        }
    }

    private static void requirePositive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw InvalidConfigException.mustBe(field, "a positive duration", value);
        }
    }

    /** Every field of a config, set one by one and validated together by {@link #build()}. */
    public static final class Builder {
        private String serviceName;
        private String maskedUrl;
        private DatabaseUrl url;
        private int maxConnections;
        private int minConnections;
        private Duration connectTimeout;
        private Duration acquireTimeout;
        private Duration idleTimeout;
        private Duration maxLifetime;
        private boolean testBeforeAcquire;
        private Duration socketTimeout;
        private boolean tcpKeepAlive;
        private Duration cancelSignalTimeout;

        private Builder(DbConfig from) {
            this.serviceName = from.serviceName;
            this.maskedUrl = from.databaseUrl;
            this.url = from.url;
            this.maxConnections = from.maxConnections;
            this.minConnections = from.minConnections;
            this.connectTimeout = from.connectTimeout;
            this.acquireTimeout = from.acquireTimeout;
            this.idleTimeout = from.idleTimeout;
            this.maxLifetime = from.maxLifetime;
            this.testBeforeAcquire = from.testBeforeAcquire;
            this.socketTimeout = from.network.socketTimeout();
            this.tcpKeepAlive = from.network.tcpKeepAlive();
            this.cancelSignalTimeout = from.network.cancelSignalTimeout();
        }

        public Builder serviceName(String value) {
            this.serviceName = value;
            return this;
        }

        /** The URL (either form), user and password; parsed here, so a bad URL fails at once. */
        public Builder databaseUrl(String value) {
            this.url = DatabaseUrl.parse("databaseUrl", value);
            this.maskedUrl = DatabaseUrl.mask(value == null ? null : value.strip());
            return this;
        }

        /** Logs in as {@code user} with {@code password} (each {@code null} to keep the URL's). */
        public Builder credentials(String user, String password) {
            this.url = DatabaseUrl.of(url.jdbcUrl(), user != null ? user : url.user(),
                    password != null ? password : url.password());
            return this;
        }

        public Builder maxConnections(int value) {
            this.maxConnections = value;
            return this;
        }

        public Builder minConnections(int value) {
            this.minConnections = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        public Builder acquireTimeout(Duration value) {
            this.acquireTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder maxLifetime(Duration value) {
            this.maxLifetime = value;
            return this;
        }

        public Builder testBeforeAcquire(boolean value) {
            this.testBeforeAcquire = value;
            return this;
        }

        public Builder socketTimeout(Duration value) {
            this.socketTimeout = value;
            return this;
        }

        public Builder tcpKeepAlive(boolean value) {
            this.tcpKeepAlive = value;
            return this;
        }

        public Builder cancelSignalTimeout(Duration value) {
            this.cancelSignalTimeout = value;
            return this;
        }

        /** @throws InvalidConfigException naming the first field that is wrong */
        public DbConfig build() {
            Objects.requireNonNull(socketTimeout, "socketTimeout");
            return new DbConfig(serviceName, maskedUrl, url, maxConnections, minConnections, connectTimeout,
                    acquireTimeout, idleTimeout, maxLifetime, testBeforeAcquire,
                    new Network(socketTimeout, tcpKeepAlive, cancelSignalTimeout));
        }
    }
}
