package dev.dbpool.runtime.testing;

import dev.dbpool.embedded.EmbeddedPostgresServer;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.testdb.TestPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The real PostgreSQL that every test of this project talks to, one per test JVM, chosen by
 * {@link TestPostgres#shared()} (module {@code dbpool-testdb}, the same choice the {@code dbpool-junit}
 * extension makes) in this order:
 * <ol>
 *   <li>{@code DBPOOL_TEST_DATABASE_URL} when set (either URL form);</li>
 *   <li>Testcontainers ({@code postgres:17}) when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 17 (zonky), which needs nothing installed.</li>
 * </ol>
 * Tests get a URL in the libpq form for {@code DATABASE_URL} and {@code --database-url}, and admin
 * connections for setting up and for faults such as {@code pg_terminate_backend}.
 */
public final class TestDatabase {

    public static final String ENV = TestPostgres.ENV;

    private static TestDatabase shared;

    private final TestPostgres chosen;
    private final DatabaseUrl parsed;

    private TestDatabase(TestPostgres chosen) {
        this.chosen = chosen;
        this.parsed = DatabaseUrl.parse(ENV, chosen.url());
    }

    /** The shared database, started on first use and stopped when the JVM exits. */
    public static synchronized TestDatabase get() {
        if (shared == null) {
            shared = new TestDatabase(TestPostgres.shared());
        }
        return shared;
    }

    /** Where the database came from: {@code env ...}, {@code testcontainers} or {@code embedded}. */
    public String source() {
        return chosen.source().label();
    }

    /** A URL for {@code DATABASE_URL} or {@code --database-url}. */
    public String databaseUrl() {
        return chosen.url();
    }

    public DatabaseUrl parsed() {
        return parsed;
    }

    /** The embedded server, when that is what the tests run on (it can be stopped and started). */
    public EmbeddedPostgresServer embedded() {
        return chosen.embedded();
    }

    /** A plain JDBC connection, outside any pool, for setup and for faults. */
    public Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        if (parsed.user() != null) {
            props.setProperty("user", parsed.user());
        }
        if (parsed.password() != null) {
            props.setProperty("password", parsed.password());
        }
        props.setProperty("ApplicationName", "dbpool-tests-admin");
        return DriverManager.getConnection(parsed.jdbcUrl(), props);
    }

    /** Runs one statement on an admin connection. */
    public void execute(String sql) throws SQLException {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Ends every session whose application_name is {@code applicationName}; returns how many. */
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
}
