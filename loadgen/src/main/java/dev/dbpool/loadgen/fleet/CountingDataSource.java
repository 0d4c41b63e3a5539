package dev.dbpool.loadgen.fleet;

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * Where one replica's pool opens its connections (HikariCP's {@code setDataSource}): pgjdbc, with the
 * service's {@code ApplicationName}, and a count of every attempt the server (or PgBouncer) refused,
 * by SQLState. That count is exact where the server's log is not at hand: {@code 53300} is the
 * server's "sorry, too many clients already".
 */
final class CountingDataSource implements DataSource {

    private final PGSimpleDataSource pg = new PGSimpleDataSource();
    private final Map<String, LongAdder> refused;

    /**
     * @param refused the service's counts, shared by its replicas
     */
    CountingDataSource(FleetTarget target, String user, String applicationName, int connectTimeoutSeconds,
                       Map<String, LongAdder> refused) {
        this.refused = refused;
        pg.setServerNames(new String[] {target.host()});
        pg.setPortNumbers(new int[] {target.port()});
        pg.setDatabaseName(target.database());
        pg.setUser(user);
        if (target.password() != null) {
            pg.setPassword(target.password());
        }
        pg.setApplicationName(applicationName);
        // Without it pgjdbc sends application_name as a query once logged in (SET application_name = ...), and
        // behind PgBouncer in transaction mode every query waits for a free server connection: during a stall
        // none is, so the new connection's login times out (08001) and the pool cannot grow. 9.0 and later
        // take it in the startup packet, which PgBouncer answers without a server connection.
        pg.setAssumeMinServerVersion("9.0");
        pg.setConnectTimeout(connectTimeoutSeconds);
        pg.setLoginTimeout(connectTimeoutSeconds);
        if (target.throughPgBouncer()) {
            // Transaction pooling: the next transaction may run on another server connection, which does
            // not have this one's prepared statements (PgBouncer 1.18 does not track them).
            pg.setPrepareThreshold(0);
        }
    }

    static Map<String, LongAdder> newCounts() {
        return new ConcurrentHashMap<>();
    }

    static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public Connection getConnection() throws SQLException {
        try {
            return pg.getConnection();
        } catch (SQLException e) {
            refused.computeIfAbsent(FleetRun.sqlState(e), k -> new LongAdder()).increment();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // pgjdbc logs through java.util.logging
    }

    @Override
    public void setLoginTimeout(int seconds) {
        pg.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() {
        return pg.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper of " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
