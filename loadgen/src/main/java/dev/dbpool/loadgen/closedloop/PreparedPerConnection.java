package dev.dbpool.loadgen.closedloop;

import org.postgresql.PGConnection;
import org.postgresql.PGStatement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * One statement, prepared once per physical connection and kept across borrows, the way
 * {@code pgbench -M prepared} prepares once per connection: for one client thread, not shared.
 *
 * <p>A statement prepared through the borrowed connection cannot outlive the borrow (HikariCP closes
 * a connection's statements when it is returned), and preparing anew each time costs a driver
 * statement, HikariCP's statement proxy and dbpool's delegate on every transaction. So the statement
 * is prepared on the physical pgjdbc connection under the borrow, and found again by that
 * connection's identity the next time the pool hands it out (HikariCP gives a thread the connection
 * it used last when it is free, so one entry per client is the usual case). It is server-side
 * prepared from its first execution (pgjdbc would switch only at the fifth). The borrow and the
 * return still go through the pool: only the statement skips the proxies.
 */
public final class PreparedPerConnection {

    private final String sql;
    private final Map<Connection, PreparedStatement> byConnection = new IdentityHashMap<>();

    public PreparedPerConnection(String sql) {
        this.sql = sql;
    }

    /** The statement for the physical connection under {@code borrowed}, prepared on first use. */
    public PreparedStatement on(Connection borrowed) throws SQLException {
        Connection physical = (Connection) borrowed.unwrap(PGConnection.class);
        PreparedStatement statement = byConnection.get(physical);
        if (statement == null) {
            forgetClosedConnections();
            statement = physical.prepareStatement(sql);
            statement.unwrap(PGStatement.class).setPrepareThreshold(1);
            byConnection.put(physical, statement);
        }
        return statement;
    }

    /** Drops the statement of {@code borrowed}'s connection after an error, so that the next use prepares again. */
    public void discard(Connection borrowed) {
        try {
            PreparedStatement statement = byConnection.remove(borrowed.unwrap(PGConnection.class));
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            // the connection is likely gone, and its statement with it
        }
    }

    /** Connections the pool has closed since (max lifetime, a broken session) take their statements with them. */
    private void forgetClosedConnections() throws SQLException {
        for (Iterator<Connection> it = byConnection.keySet().iterator(); it.hasNext(); ) {
            if (it.next().isClosed()) {
                it.remove();
            }
        }
    }
}
