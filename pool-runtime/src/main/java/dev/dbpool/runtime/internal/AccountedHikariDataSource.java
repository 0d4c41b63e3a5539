package dev.dbpool.runtime.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The pool's {@link HikariDataSource}: what {@code unwrap(HikariDataSource.class)} hands to tools
 * that look for HikariCP (Spring Boot's pool metadata, HikariCP's MXBeans). Its connections are
 * counted by the {@link BorrowLedger} like any other, since the ledger sits inside HikariCP; the one
 * way around it, evicting a borrowed connection by hand, is counted here.
 */
public final class AccountedHikariDataSource extends HikariDataSource {

    private final BorrowLedger ledger;
    private final HikariPool pool;

    public AccountedHikariDataSource(HikariConfig config, BorrowLedger ledger) {
        super(config);
        this.ledger = ledger;
        this.pool = (HikariPool) getHikariPoolMXBean();
    }

    /** A connection, waiting at most {@code timeoutMillis} instead of the configured acquire timeout. */
    public Connection getConnection(long timeoutMillis) throws SQLException {
        return pool.getConnection(timeoutMillis);
    }

    /** Threads waiting for a connection now: HikariCP's own count, one read (no walk of the pool). */
    public int waitingThreads() {
        return pool.getThreadsAwaitingConnection();
    }

    @Override
    public void evictConnection(Connection connection) {
        boolean borrowed;
        try {
            // HikariCP ignores connections that are not its own proxies; so does the count.
            borrowed = connection != null && connection.getClass().getName().startsWith("com.zaxxer.hikari")
                    && !connection.isClosed();
        } catch (SQLException e) {
            borrowed = false;
        }
        super.evictConnection(connection);
        if (borrowed) {
            ledger.evictedWhileBorrowed();
        }
    }
}
