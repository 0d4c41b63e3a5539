package dev.dbpool.junit;

import dev.dbpool.embedded.EmbeddedPostgresServer;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.testdb.PostgresNotFoundException;
import dev.dbpool.testdb.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The real PostgreSQL a test runs on, one per test JVM, chosen as the dbpool project's own tests choose
 * it ({@code dbpool-testdb}): {@code DBPOOL_TEST_DATABASE_URL} when set, else Testcontainers
 * ({@code postgres:17}) when a Docker engine answers, else an embedded PostgreSQL 17. Before a test gets
 * it, a connection has been opened on it: when none can be, the failure lists where the extension looked
 * (env, Docker, embedded) and why each failed.
 *
 * <p>Declare it as a parameter of a {@link DbpoolTest} method, or call {@link #shared()}.
 */
public final class DbpoolDatabase {

    public static final String ENV = TestPostgres.ENV;
    static final String ADMIN_APPLICATION_NAME = "dbpool-junit-admin";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private static DbpoolDatabase shared;
    private static RuntimeException sharedFailure;

    private final TestPostgres chosen;
    private final DatabaseUrl parsed;
    private final String serverVersion;

    private DbpoolDatabase(TestPostgres chosen, DatabaseUrl parsed, String serverVersion) {
        this.chosen = chosen;
        this.parsed = parsed;
        this.serverVersion = serverVersion;
    }

    /**
     * The database of this JVM, chosen and connected to on first use; a failure is remembered, so that
     * every later test fails at once with the same explanation.
     *
     * @throws PostgresNotFoundException where the extension looked and why nothing answered
     */
    public static synchronized DbpoolDatabase shared() {
        if (shared != null) {
            return shared;
        }
        if (sharedFailure != null) {
            throw sharedFailure;
        }
        try {
            shared = connect(TestPostgres.shared());
            return shared;
        } catch (RuntimeException e) {
            sharedFailure = e;
            throw e;
        }
    }

    /** Opens one connection on what was chosen; when that fails, the places looked at and this last step. */
    static DbpoolDatabase connect(TestPostgres chosen) {
        List<String> looked = new ArrayList<>(chosen.lookedAt());
        DatabaseUrl parsed;
        try {
            parsed = DatabaseUrl.parse(chosen.source() == TestPostgres.Source.ENV ? ENV : "the test database URL",
                    chosen.url());
        } catch (RuntimeException e) {
            looked.add("connecting: " + e.getMessage());
            throw new PostgresNotFoundException(looked, e);
        }
        try (Connection c = open(parsed); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return new DbpoolDatabase(chosen, parsed, rs.getString(1).split(" ")[0]);
        } catch (SQLException e) {
            looked.add("connecting to " + parsed + " (from " + chosen.source().label() + "): failed: "
                    + DatabaseUrl.mask(String.valueOf(e.getMessage()))
                    + (e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]"));
            throw new PostgresNotFoundException(looked, e);
        }
    }

    /** {@code env DBPOOL_TEST_DATABASE_URL}, {@code testcontainers} or {@code embedded}. */
    public String source() {
        return chosen.source().label();
    }

    /** Each place the extension looked at, in order, and what it found there. */
    public List<String> lookedAt() {
        return chosen.lookedAt();
    }

    /** A URL for {@code DATABASE_URL} or {@code --database-url}; it may carry a password: print {@link #toString()}. */
    public String databaseUrl() {
        return chosen.url();
    }

    /** The credential-free JDBC URL, the user and the password. */
    public DatabaseUrl parsed() {
        return parsed;
    }

    /** {@code 17.6}, as the server says. */
    public String serverVersion() {
        return serverVersion;
    }

    /** The embedded server when that is what the tests run on, else {@code null}. */
    public EmbeddedPostgresServer embedded() {
        return chosen.embedded();
    }

    /**
     * What the service would build in production, on this database: {@code DbConfig.fromEnv(service)} over
     * the process environment with {@code env} ({@code NAME=VALUE}) on top, this database's URL in place of
     * {@code DATABASE_URL}.
     *
     * @throws dev.dbpool.runtime.config.InvalidConfigException for a bad {@code DB_*} value, naming it
     */
    public DbConfig config(String service, String... env) {
        return DbConfig.fromEnv(service, environment(env)).withDatabaseUrl(chosen.url());
    }

    /**
     * The service's pool on this database ({@link #config}), its metrics in {@code registry}, its
     * {@code DataSource} admitting with {@code BackpressureConfig.fromEnv} of the same environment. The caller
     * closes it (the extension does for {@link Pool} parameters).
     */
    public DbPool pool(String service, MeterRegistry registry, String... env) {
        return DbPool.builder(config(service, env)).meterRegistry(registry)
                .admission(BackpressureConfig.fromEnv(environment(env))).build();
    }

    /** The process environment with {@code NAME=VALUE} entries on top; a malformed entry is named. */
    static Function<String, String> environment(String... entries) {
        Map<String, String> overrides = new HashMap<>();
        for (String entry : entries) {
            int eq = entry == null ? -1 : entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@Pool env entries must be NAME=VALUE, got '" + entry + "'");
            }
            overrides.put(entry.substring(0, eq).strip(), entry.substring(eq + 1));
        }
        return name -> overrides.containsKey(name) ? overrides.get(name) : System.getenv(name);
    }

    /** A plain JDBC connection outside any pool, for setting up and for faults. */
    public Connection adminConnection() throws SQLException {
        return open(parsed);
    }

    /** Runs statements on one admin connection, in order. */
    public void execute(String... sql) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    /** Ends every session whose {@code application_name} is {@code applicationName} (a service's pool); returns how many. */
    public int terminateSessions(String applicationName) throws SQLException {
        try (Connection c = adminConnection();
             var ps = c.prepareStatement("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
                     + "FROM pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, applicationName);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Connection open(DatabaseUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("ApplicationName", ADMIN_APPLICATION_NAME);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** The source and the URL, password masked. */
    @Override
    public String toString() {
        return "PostgreSQL " + serverVersion + " from " + source() + " at " + parsed;
    }
}
