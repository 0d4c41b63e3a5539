package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.db.DatabaseRestarter;

import java.sql.Connection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where a fleet soak's pools connect and how it acts on the server.
 *
 * @param host             PostgreSQL's or PgBouncer's
 * @param port             the same
 * @param database         the database name
 * @param defaultUser      the role of services that name none
 * @param password         for every role, or null (trust)
 * @param throughPgBouncer whether {@code host:port} is a PgBouncer in transaction mode (pgjdbc then prepares nothing)
 * @param admin            opens a superuser connection to PostgreSQL itself, outside every pool
 * @param schema           the soak's schema, which holds the shared {@code accounts} table
 * @param restarter        stops and starts the server, when this soak may
 */
public record FleetTarget(String host, int port, String database, String defaultUser, String password,
                          boolean throughPgBouncer, Callable<Connection> admin, String schema,
                          Optional<DatabaseRestarter> restarter) {

    public FleetTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(defaultUser, "defaultUser");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(restarter, "restarter");
    }

    /** {@code postgres://user@host:port/db} for messages: no password. */
    public String describe(String user) {
        return "postgres://" + user + "@" + host + ":" + port + "/" + database;
    }
}
