package dev.dbpool.plan;


import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A database behind PgBouncer. The services' pools are PgBouncer's clients: Σ max × replicas must fit
 * {@code max_client_conn}. PgBouncer opens server connections per (database, user) pair, at most
 * {@code default_pool_size + reserve_pool_size} each (a {@code [databases]} entry's {@code pool_size} and
 * {@code reserve_pool} win; {@code max_user_connections} caps a pair), and at most
 * {@code max_db_connections} for the database: that sum must fit the database's budget. Services share
 * one user unless they name {@code user:} (manifests: the user of {@code DATABASE_URL}).
 */
final class PoolerCheck {

    /** The user of every service that names none. */
    static final String SHARED_USER = "(shared)";

    private PoolerCheck() {
    }

    static PoolerResult check(PgBouncerConfig config, String database, List<ServiceAllocation> rows, int available) {
        long clients = rows.stream().mapToLong(ServiceAllocation::allocated).sum();
        Set<String> users = new LinkedHashSet<>();
        rows.forEach(r -> users.add(r.service().user().orElse(SHARED_USER)));
        int perUser = config.serverConnectionsPerUser(database);
        int maxDb = config.maxDbConnectionsFor(database);
        long server = (long) users.size() * perUser;
        if (maxDb > 0) {
            server = Math.min(server, maxDb);
        }
        return new PoolerResult(config, clients, List.copyOf(users), perUser, maxDb, server, available);
    }

    /** {@code 2 users x 25 (pool + reserve), capped by max_db_connections 40}. */
    static String serverSide(PoolerResult p) {
        return p.users().size() + (p.users().size() == 1 ? " user" : " users") + " x " + p.perUser()
                + " (pool + reserve)" + (p.maxDbConnections() > 0 && p.serverConnections() == p.maxDbConnections()
                ? ", capped by max_db_connections " + p.maxDbConnections() : "");
    }

    static List<String> violations(PoolerResult p, String prefix, String counted) {
        List<String> violations = new ArrayList<>();
        if (!p.clientSideFits()) {
            violations.add(prefix + "PgBouncer client side: the pools open " + p.clientConnections() + " client connections"
                    + counted + ", more than max_client_conn " + p.maxClientConn() + " (" + p.config().source() + "); "
                    + (p.clientConnections() - p.maxClientConn()) + " over");
        }
        if (!p.serverSideFits()) {
            violations.add(prefix + "PgBouncer server side: it may open " + p.serverConnections() + " server connections ("
                    + serverSide(p) + "), " + p.available() + " available; " + (p.serverConnections() - p.available())
                    + " over");
        }
        return violations;
    }

    static List<String> notes(PoolerResult p, String database, String prefix) {
        List<String> notes = new ArrayList<>();
        if (p.clientConnections() > p.available() && p.fits()) {
            notes.add(prefix + "over budget directly (" + p.clientConnections() + " pool connections, " + p.available()
                    + " available) but fits behind PgBouncer: it opens at most " + p.serverConnections()
                    + " server connections (" + serverSide(p) + ") for " + p.clientConnections() + " of max_client_conn "
                    + p.maxClientConn());
        }
        String mode = p.config().poolModeFor(database);
        if (PgBouncerConfig.TRANSACTION.equals(mode)) {
            boolean prepared = p.config().maxPreparedStatements().orElse(0) > 0;
            notes.add(prefix + "PgBouncer pools by transaction: pgjdbc prepares a statement on the server after "
                    + "5 uses (prepareThreshold), which breaks when the next transaction runs on another server "
                    + "connection; " + (prepared ? "max_prepared_statements " + p.config().maxPreparedStatements().getAsInt()
                    + " makes PgBouncer (1.21 or later) track them" : "set prepareThreshold=0 in the JDBC URL, "
                    + "or run PgBouncer 1.21 or later with max_prepared_statements > 0"));
        } else if (PgBouncerConfig.SESSION.equals(mode) && p.clientConnections() > p.serverConnections()) {
            notes.add(prefix + "PgBouncer pools by session: a client holds its server connection until it "
                    + "disconnects, and pools keep theirs open, so " + (p.clientConnections() - p.serverConnections())
                    + " pool connections can only wait; pool_mode = transaction shares them");
        }
        return notes;
    }
}
