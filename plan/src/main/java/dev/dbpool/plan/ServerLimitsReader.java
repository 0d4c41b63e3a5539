package dev.dbpool.plan;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPoolException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads {@code max_connections}, the reserved slots and the sessions per {@code application_name}
 * over one plain JDBC connection: no pool, since this is a single question asked once.
 */
final class ServerLimitsReader {

    /** How the reading session shows up in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "dbpool-plan";

    private static final String SETTINGS = "SELECT name, setting FROM pg_settings WHERE name IN "
            + "('max_connections', 'superuser_reserved_connections', 'reserved_connections', 'server_version')";
    // Client backends only (not autovacuum, walsender, ...), and not this session itself.
    private static final String SESSIONS = "SELECT coalesce(application_name, ''), count(*) FROM pg_stat_activity "
            + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() GROUP BY 1";

    private ServerLimitsReader() {
    }

    /**
     * @throws dev.dbpool.runtime.config.InvalidConfigException when the URL is malformed
     * @throws DbPoolException when the server cannot be reached or read within {@code connectTimeout}
     */
    static ServerLimits read(String databaseUrl, Duration connectTimeout) {
        // DbConfig validates the URL and gives the unreachable error its standard, password-free form:
        // "plan: cannot reach PostgreSQL at jdbc:postgresql://db:5432/app within 5000ms: Connection refused".
        DbConfig config = new DbConfig("plan", databaseUrl, 1, 0, connectTimeout,
                DbConfig.DEFAULT_ACQUIRE_TIMEOUT, DbConfig.DEFAULT_IDLE_TIMEOUT, DbConfig.DEFAULT_MAX_LIFETIME, false);
        var url = config.parsedDatabaseUrl();
        long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", String.valueOf(seconds));
        props.setProperty("loginTimeout", String.valueOf(seconds));
        props.setProperty("socketTimeout", String.valueOf(Math.max(10, 2 * seconds)));
        try (Connection connection = new org.postgresql.Driver().connect(url.jdbcUrl(), props)) {
            Map<String, String> settings = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(SETTINGS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    settings.put(rs.getString(1), rs.getString(2));
                }
            }
            Map<String, Integer> sessions = new HashMap<>();
            try (PreparedStatement ps = connection.prepareStatement(SESSIONS); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sessions.put(rs.getString(1), rs.getInt(2));
                }
            }
            return new ServerLimits(url.jdbcUrl(), settings.getOrDefault("server_version", "unknown"),
                    Integer.parseInt(settings.get("max_connections")),
                    Integer.parseInt(settings.getOrDefault("superuser_reserved_connections", "0")),
                    // reserved_connections exists from PostgreSQL 16 on; before, nothing else is reserved.
                    Integer.parseInt(settings.getOrDefault("reserved_connections", "0")),
                    sessions);
        } catch (SQLException e) {
            throw DbPoolException.unreachable(config, e);
        }
    }
}
