package dev.dbpool.loadgen;

import dev.dbpool.loadgen.db.DatabaseRestarter;
import dev.dbpool.loadgen.db.PgCtlRestarter;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.model.Workload;

import dev.dbpool.embedded.EmbeddedPostgresServer;
import dev.dbpool.runtime.DatabaseUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database a soak runs against, and the schema it owns there.
 *
 * <p>{@link #embedded()} starts a throw-away PostgreSQL 17 and removes it on {@link #close()};
 * {@link #external} uses a server the user names and touches nothing but a schema of its own,
 * {@code dbpool_soak_<random>}, which {@link #close()} drops (also on Ctrl-C).
 */
public final class SoakDatabase implements AutoCloseable {

    public static final String ADMIN_APPLICATION_NAME = "dbpool-soak-admin";
    public static final String TABLE = "accounts";
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final String databaseUrl;
    private final DatabaseUrl parsed;
    private final EmbeddedPostgresServer server;
    private final DatabaseRestarter restarter;
    private final String schema;
    private final String version;
    private final Thread cleanupOnExit;
    private boolean schemaCreated;
    private boolean closed;

    private SoakDatabase(String databaseUrl, EmbeddedPostgresServer server, DatabaseRestarter restarter) {
        this.databaseUrl = databaseUrl;
        this.parsed = DatabaseUrl.parse("databaseUrl", databaseUrl);
        this.server = server;
        this.restarter = restarter;
        this.schema = "dbpool_soak_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.version = queryVersion();
        this.cleanupOnExit = new Thread(this::close, "dbpool-soak-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    }

    /** Starts an embedded PostgreSQL 17 that {@link #close()} stops and deletes. */
    public static SoakDatabase embedded() {
        return embedded(java.util.Map.of());
    }

    /** The same with {@code serverConfig} as {@code -c key=value} settings (for example {@code max_connections}). */
    public static SoakDatabase embedded(java.util.Map<String, String> serverConfig) {
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.start(serverConfig);
        } catch (RuntimeException e) {
            throw SoakDatabaseException.failed("cannot start the embedded PostgreSQL", e);
        }
        try {
            return new SoakDatabase(server.postgresUrl("postgres"), server, new DatabaseRestarter() {
                @Override
                public void stop() {
                    server.stop();
                }

                @Override
                public void start() {
                    server.startAgain();
                }
            });
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * A server the user runs. {@code pgCtl}, when not null, is the command that stops and starts it
     * (for {@code restart} faults).
     *
     * @throws SoakDatabaseException when it cannot be reached
     */
    public static SoakDatabase external(String databaseUrl, String pgCtl) {
        DatabaseUrl.parse("databaseUrl", databaseUrl);
        return new SoakDatabase(databaseUrl, null, pgCtl == null || pgCtl.isBlank() ? null : new PgCtlRestarter(pgCtl));
    }

    /** The URL the pool under test connects with (may carry a password: never print it, use {@link #description()}). */
    public String databaseUrl() {
        return databaseUrl;
    }

    /** {@code embedded PostgreSQL 17.6} or {@code PostgreSQL 15.14 at jdbc:postgresql://host:5432/db}, no credentials. */
    public String description() {
        return server != null ? "embedded PostgreSQL " + version : "PostgreSQL " + version + " at " + parsed.jdbcUrl();
    }

    public boolean isEmbedded() {
        return server != null;
    }

    /** The schema this soak owns; everything it creates lives there. */
    public String schema() {
        return schema;
    }

    /** What stops and starts the server, when this soak may do so. */
    public Optional<DatabaseRestarter> restarter() {
        return Optional.ofNullable(restarter);
    }

    /** A plain connection outside any pool, for setup and faults. */
    public Connection adminConnection() throws SQLException {
        Properties props = new Properties();
        if (parsed.user() != null) {
            props.setProperty("user", parsed.user());
        }
        if (parsed.password() != null) {
            props.setProperty("password", parsed.password());
        }
        props.setProperty("ApplicationName", ADMIN_APPLICATION_NAME);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        props.setProperty("loginTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
        return DriverManager.getConnection(parsed.jdbcUrl(), props);
    }

    /** Creates the schema and the {@code accounts} table with {@code workload.rows()} rows, anew when it exists. */
    public synchronized void setUp(Workload workload) {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
            schemaCreated = true;
            // fillfactor leaves room on each page so that the workload's updates stay HOT updates.
            s.execute("CREATE TABLE " + schema + "." + TABLE + " (id bigint PRIMARY KEY, "
                    + "balance bigint NOT NULL DEFAULT 0, updated_at timestamptz NOT NULL DEFAULT now()) "
                    + "WITH (fillfactor = 80)");
            s.execute("INSERT INTO " + schema + "." + TABLE + " (id) SELECT g FROM generate_series(1, "
                    + workload.rows() + ") g");
            s.execute("ANALYZE " + schema + "." + TABLE);
        } catch (SQLException e) {
            throw SoakDatabaseException.failed("cannot set up schema " + schema, e);
        }
    }

    /** Tidies the table between runs so that each mode starts from the same state. */
    public void vacuum() {
        try (Connection c = adminConnection(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE " + schema + "." + TABLE);
        } catch (SQLException e) {
            throw SoakDatabaseException.failed("cannot vacuum " + schema + "." + TABLE, e);
        }
    }

    /** Drops the schema (and, when embedded, the whole server). Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (schemaCreated && server == null) {
                try (Connection c = adminConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                } catch (SQLException e) {
                    System.err.println("dbpool: could not drop schema " + schema + ": "
                            + DatabaseUrl.mask(String.valueOf(e.getMessage())));
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: this is the hook running
            }
        }
    }

    private String queryVersion() {
        try (Connection c = adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw SoakDatabaseException.unreachable(parsed.jdbcUrl(), e);
        }
    }
}
