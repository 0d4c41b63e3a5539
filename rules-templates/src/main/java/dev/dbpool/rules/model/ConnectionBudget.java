package dev.dbpool.rules.model;

/**
 * The database's connections that the fleet's pools may share: {@code max_connections} less the
 * connections reserved for superusers, migrations and humans.
 */
public record ConnectionBudget(int maxConnections, int reservedConnections) {

    /** A default PostgreSQL ({@code max_connections = 100}) with the design's 20 reserved: 80 available. */
    public static final ConnectionBudget DEFAULT = new ConnectionBudget(100, 20);

    public ConnectionBudget {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("max_connections must be at least 1, got " + maxConnections);
        }
        if (reservedConnections < 0 || reservedConnections >= maxConnections) {
            throw new IllegalArgumentException("reserved_connections must be from 0 to max_connections - 1 ("
                    + (maxConnections - 1) + "), got " + reservedConnections);
        }
    }

    public int available() {
        return maxConnections - reservedConnections;
    }

    String describe() {
        return available() + " connections available: max_connections " + maxConnections
                + " - " + reservedConnections + " reserved";
    }
}
