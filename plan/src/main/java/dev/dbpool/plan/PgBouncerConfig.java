package dev.dbpool.plan;


import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What of a PgBouncer's configuration decides how many connections reach PostgreSQL, from a real
 * {@code pgbouncer.ini} ({@link #load(Path)}) or from {@code pgbouncer:} under a database in
 * services.yaml. Defaults are PgBouncer's own.
 *
 * @param source                where it was read
 * @param maxClientConn         {@code max_client_conn}: client connections PgBouncer accepts (default 100)
 * @param defaultPoolSize       {@code default_pool_size}: server connections per (database, user) pair (default 20)
 * @param reservePoolSize       {@code reserve_pool_size}: extra server connections per pair under load (default 0)
 * @param maxDbConnections      {@code max_db_connections}: server connections per database, 0 = no limit
 * @param maxUserConnections    {@code max_user_connections}: server connections per user, 0 = no limit
 * @param poolMode              {@code pool_mode}: session (default), transaction or statement
 * @param maxPreparedStatements {@code max_prepared_statements}, if set (PgBouncer 1.21+)
 * @param databases             the {@code [databases]} entries by name ({@code *} is the fallback)
 */
public record PgBouncerConfig(String source, int maxClientConn, int defaultPoolSize, int reservePoolSize,
                              int maxDbConnections, int maxUserConnections, String poolMode,
                              OptionalInt maxPreparedStatements, Map<String, DatabaseEntry> databases) {

    public static final int DEFAULT_MAX_CLIENT_CONN = 100;
    public static final int DEFAULT_POOL_SIZE = 20;
    public static final String SESSION = "session";
    public static final String TRANSACTION = "transaction";

    public PgBouncerConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(poolMode, "poolMode");
        Objects.requireNonNull(maxPreparedStatements, "maxPreparedStatements");
        databases = Map.copyOf(databases);
    }

    /** PgBouncer's defaults, with the given numbers. */
    public static PgBouncerConfig of(String source, int maxClientConn, int defaultPoolSize, int reservePoolSize,
                                     int maxDbConnections) {
        return new PgBouncerConfig(source, maxClientConn, defaultPoolSize, reservePoolSize, maxDbConnections, 0,
                SESSION, OptionalInt.empty(), Map.of());
    }

    /**
     * Reads a {@code pgbouncer.ini}: {@code [databases]}, {@code [pgbouncer]}, {@code [users]}; an unknown
     * key or a bad value is a {@link PlanException} at its line.
     */
    public static PgBouncerConfig load(Path file) {
        return PgBouncerIniReader.load(file);
    }

    /**
     * One line of {@code [databases]}: {@code app = host=db dbname=app pool_size=30 reserve_pool=5}.
     * Each empty setting falls back to the {@code [pgbouncer]} section's.
     */
    public record DatabaseEntry(String name, OptionalInt poolSize, OptionalInt reservePool,
                                OptionalInt maxDbConnections, Optional<String> poolMode) {
    }

    /** The entry for {@code database}: its own, else {@code *}, else the only one, else none. */
    public Optional<DatabaseEntry> entryFor(String database) {
        if (databases.containsKey(database)) {
            return Optional.of(databases.get(database));
        }
        if (databases.containsKey("*")) {
            return Optional.of(databases.get("*"));
        }
        return databases.size() == 1 ? databases.values().stream().findFirst() : Optional.empty();
    }

    /** Server connections one (database, user) pair may open: pool size + reserve. */
    public int serverConnectionsPerUser(String database) {
        Optional<DatabaseEntry> entry = entryFor(database);
        int pool = entry.flatMap(e -> box(e.poolSize())).orElse(defaultPoolSize);
        int reserve = entry.flatMap(e -> box(e.reservePool())).orElse(reservePoolSize);
        int perUser = pool + reserve;
        return maxUserConnections > 0 ? Math.min(perUser, maxUserConnections) : perUser;
    }

    /** {@code max_db_connections} for {@code database} (0 = no limit). */
    public int maxDbConnectionsFor(String database) {
        return entryFor(database).flatMap(e -> box(e.maxDbConnections())).orElse(maxDbConnections);
    }

    /** {@code pool_mode} for {@code database}. */
    public String poolModeFor(String database) {
        return entryFor(database).flatMap(DatabaseEntry::poolMode).orElse(poolMode);
    }

    private static Optional<Integer> box(OptionalInt value) {
        return value.isPresent() ? Optional.of(value.getAsInt()) : Optional.empty();
    }
}
