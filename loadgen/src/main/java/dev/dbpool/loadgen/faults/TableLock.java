package dev.dbpool.loadgen.faults;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;

/**
 * The {@code slowdown} and {@code lock} faults: an admin session takes {@code ACCESS EXCLUSIVE} on the
 * workload's table (or the one a lock fault names, through the admin session's {@code search_path}) and keeps its transaction open for the fault's length, as a migration's {@code ALTER TABLE} does.
 * Every request that touches the table then waits on the server, holding its pool connection; the
 * pool fills up with stalled requests exactly as it does in production.
 */
final class TableLock implements FaultAction {

    private final Callable<Connection> admin;
    private final String table;
    private Connection session;

    TableLock(Callable<Connection> admin, String table) {
        this.admin = admin;
        this.table = table;
    }

    @Override
    public void begin() throws Exception {
        session = admin.call();
        session.setAutoCommit(false);
        try (Statement s = session.createStatement()) {
            s.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
        }
    }

    @Override
    public void end() throws SQLException {
        if (session == null) {
            return;
        }
        try (Connection c = session) {
            c.rollback();
        } finally {
            session = null;
        }
    }
}
