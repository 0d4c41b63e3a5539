package dev.dbpool.plan;

import java.util.List;
import java.util.Objects;

/**
 * A database behind PgBouncer: the client side (the pools) against {@code max_client_conn}, and the
 * server side (what PgBouncer opens to PostgreSQL) against the database's budget.
 *
 * @param config            the PgBouncer configuration
 * @param clientConnections Σ pool max × counted replicas of the services behind it
 * @param users             the database users the services connect as (one pool per (database, user) pair)
 * @param perUser           server connections one pair may open ({@code default_pool_size + reserve_pool_size},
 *                          capped by {@code max_user_connections})
 * @param maxDbConnections  {@code max_db_connections} for this database (0 = no limit)
 * @param serverConnections Σ over pairs of {@code perUser}, capped by {@code max_db_connections}
 * @param available         the database's budget
 */
public record PoolerResult(PgBouncerConfig config, long clientConnections, List<String> users, int perUser,
                           int maxDbConnections, long serverConnections, int available) {

    public PoolerResult {
        Objects.requireNonNull(config, "config");
        users = List.copyOf(users);
    }

    public int maxClientConn() {
        return config.maxClientConn();
    }

    public boolean clientSideFits() {
        return clientConnections <= config.maxClientConn();
    }

    public boolean serverSideFits() {
        return serverConnections <= available;
    }

    /** Both sides fit. */
    public boolean fits() {
        return clientSideFits() && serverSideFits();
    }
}
