package dev.dbpool.loadgen.fleet;

import java.util.Objects;

/**
 * The PgBouncer a fleet soak starts in front of PostgreSQL, as the plan sized it: its settings and what
 * the plan says of them.
 *
 * @param source                   where the settings come from (the fleet file's {@code pgbouncer:}, or
 *                                 {@code sized by dbpool to the budget})
 * @param poolMode                 {@code transaction} unless the fleet file says otherwise
 * @param maxClientConn            {@code max_client_conn}
 * @param defaultPoolSize          {@code default_pool_size} per (database, user) pair
 * @param reservePoolSize          {@code reserve_pool_size}
 * @param maxDbConnections         {@code max_db_connections} (0 = no limit)
 * @param maxUserConnections       {@code max_user_connections} (0 = no limit)
 * @param plannedClientConnections Σ pool max × replicas behind it (the plan's client side)
 * @param plannedServerConnections what the plan says PgBouncer opens at most (its server side)
 * @param fits                     the plan's verdict on both sides
 */
public record PoolerSettings(String source, String poolMode, int maxClientConn, int defaultPoolSize,
                             int reservePoolSize, int maxDbConnections, int maxUserConnections,
                             long plannedClientConnections, long plannedServerConnections, boolean fits) {

    public static final String TRANSACTION = "transaction";

    public PoolerSettings {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(poolMode, "poolMode");
    }
}
