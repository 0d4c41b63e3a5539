package dev.dbpool.runtime.testing;

import dev.dbpool.embedded.EmbeddedPostgresServer;
import dev.dbpool.runtime.DatabaseUrl;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The real PostgreSQL that every test talks to, one per test JVM, chosen in this order:
 * <ol>
 *   <li>{@code DBPOOL_TEST_DATABASE_URL} when set (either URL form);</li>
 *   <li>Testcontainers ({@code postgres:17}) when a Docker engine answers;</li>
 *   <li>an embedded PostgreSQL 17 (zonky), which needs nothing installed.</li>
 * </ol>
 * Tests get a URL in the libpq form for {@code DATABASE_URL} and {@code --database-url}, and admin
 * connections for setting up and for faults such as {@code pg_terminate_backend}.
 */
public final class TestDatabase {

    public static final String ENV = "DBPOOL_TEST_DATABASE_URL";

    private static TestDatabase shared;

    private final String source;
    private final String databaseUrl;
    private final DatabaseUrl parsed;
    private final EmbeddedPostgresServer embedded;

    private TestDatabase(String source, String databaseUrl, EmbeddedPostgresServer embedded) {
        this.source = source;
        this.databaseUrl = databaseUrl;
        this.parsed = DatabaseUrl.parse(ENV, databaseUrl);
        this.embedded = embedded;
    }

    /** The shared database, started on first use and stopped when the JVM exits. */
    public static synchronized TestDatabase get() {
        if (shared == null) {
            shared = start();
            System.err.println("dbpool tests: PostgreSQL from " + shared.source() + " at " + shared.parsed());
        }
        return shared;
    }

    private static TestDatabase start() {
        String fromEnv = System.getenv(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new TestDatabase("env " + ENV, fromEnv.strip(), null);
        }
        if (dockerAnswers()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:17");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            String url = "postgres://" + container.getUsername() + ":" + container.getPassword() + "@"
                    + container.getHost() + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
            return new TestDatabase("testcontainers", url, null);
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return new TestDatabase("embedded", server.postgresUrl("postgres"), server);
    }

    private static boolean dockerAnswers() {
        // Ask Testcontainers only where a Docker engine could be: its probe is slow and logs an
        // ERROR on every machine without one.
        String home = System.getProperty("user.home");
        boolean configured = java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(home, ".testcontainers.properties"));
        String dockerHost = System.getenv("DOCKER_HOST");
        if (!configured && (dockerHost == null || dockerHost.isBlank())) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Where the database came from: {@code env ...}, {@code testcontainers} or {@code embedded}. */
    public String source() {
        return source;
    }

    /** A URL for {@code DATABASE_URL} or {@code --database-url}. */
    public String databaseUrl() {
        return databaseUrl;
    }

    public DatabaseUrl parsed() {
        return parsed;
    }

    /** The embedded server, when that is what the tests run on (it can be stopped and started). */
    public EmbeddedPostgresServer embedded() {
        return embedded;
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
