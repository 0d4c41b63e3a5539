package dev.dbpool.plan;

/**
 * What the fleet may use: the server's {@code max_connections} less the connections kept back for
 * the system (superusers, migrations, consoles, replication, monitoring).
 *
 * @param maxConnections      the server's {@code max_connections}
 * @param maxConnectionsFrom  where that number came from: the file's name, {@code server} or {@code PostgreSQL default}
 * @param reservedConnections kept back from the applications
 * @param reservedFrom        why that many: {@code 20% default}, the file's name, or the server's reserved slots
 */
public record ConnectionBudget(int maxConnections, String maxConnectionsFrom,
                               int reservedConnections, String reservedFrom) {

    /** {@code max_connections − reserved_connections}; what the services' pools share. */
    public int available() {
        return maxConnections - reservedConnections;
    }

    /** {@code max_connections 100 (server) - reserved 20 (20% default) = 80 available}. */
    public String describe() {
        return "max_connections " + maxConnections + " (" + maxConnectionsFrom + ") - reserved "
                + reservedConnections + " (" + reservedFrom + ") = " + available() + " available";
    }
}
