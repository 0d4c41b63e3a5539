package dev.dbpool.plan;


import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a real PostgreSQL allows and has now, read by {@link #read(String, Duration)}.
 *
 * @param url                          where it was read, without credentials
 * @param serverVersion                {@code server_version}
 * @param maxConnections               {@code max_connections}
 * @param superuserReservedConnections {@code superuser_reserved_connections}
 * @param reservedConnections          {@code reserved_connections} (PostgreSQL 16 and later; 0 before)
 * @param connectionsByApplication     client sessions now, by {@code application_name} ({@code ""} for none),
 *                                     not counting the session that read them
 */
public record ServerLimits(
        String url,
        String serverVersion,
        int maxConnections,
        int superuserReservedConnections,
        int reservedConnections,
        Map<String, Integer> connectionsByApplication) {

    public ServerLimits {
        Objects.requireNonNull(url, "url");
        connectionsByApplication = Map.copyOf(connectionsByApplication);
    }

    /**
     * Reads the limits over one plain JDBC connection (no pool).
     *
     * @param databaseUrl    either URL form ({@code postgres://} or {@code jdbc:postgresql://})
     * @param connectTimeout how long to try before giving up
     * @throws dev.dbpool.runtime.config.InvalidConfigException when the URL is malformed
     * @throws dev.dbpool.runtime.DbPoolException        when the server cannot be reached or read
     *                                                   (the message never contains the password)
     */
    public static ServerLimits read(String databaseUrl, Duration connectTimeout) {
        return ServerLimitsReader.read(databaseUrl, connectTimeout);
    }

    /** Slots that ordinary application roles can never use: superuser-reserved plus (PG16+) reserved. */
    public int reservedTotal() {
        return superuserReservedConnections + reservedConnections;
    }

    /** The database the URL names ({@code app} of {@code jdbc:postgresql://db:5432/app?...}), {@code ""} when none. */
    public String databaseName() {
        String rest = url.replaceFirst("^jdbc:postgresql://", "");
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String path = rest.substring(slash + 1);
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /** Every client session the server has now (other than the reader's). */
    public int currentConnections() {
        return connectionsByApplication.values().stream().mapToInt(Integer::intValue).sum();
    }
}
