package dev.dbpool.runtime.internal;

import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * The pool as handed to libraries: {@code getConnection()} goes through the pool's own acquisition
 * (admission, metrics, error classification); everything else is HikariCP's.
 */
public final class AdmittingDataSource implements DataSource {

    /** How the pool acquires: {@code DbPool::acquireWithMetrics} or its admission. */
    @FunctionalInterface
    public interface Acquisition {
        Connection acquire() throws SQLException;
    }

    private final HikariDataSource pool;
    private final Acquisition acquisition;

    public AdmittingDataSource(HikariDataSource pool, Acquisition acquisition) {
        this.pool = pool;
        this.acquisition = acquisition;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return acquisition.acquire();
    }

    /** HikariCP pools one set of credentials; like HikariCP, other credentials are refused. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the dbpool DataSource pools one set of credentials, "
                + "those of its database URL; getConnection(username, password) is not supported");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
