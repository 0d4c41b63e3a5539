package dev.dbpool.runtime;

import com.zaxxer.hikari.HikariConfig;
import dev.dbpool.runtime.internal.BorrowLedger;

import javax.sql.DataSource;

/** Maps a {@link DbConfig} onto HikariCP's settings: the only place that knows both. */
final class HikariSettings {

    /** HikariCP refuses validation timeouts under 250 ms. */
    private static final long MIN_VALIDATION_MS = 250;
    private static final long MAX_VALIDATION_MS = 5_000;

    private HikariSettings() {
    }

    /** Settings for a pool whose connections pgjdbc opens from the config's database URL. */
    static HikariConfig from(DbConfig config, BorrowLedger ledger) {
        return from(config, config.serviceName(), ledger, null);
    }

    /** {@link #from(DbConfig, String, BorrowLedger, DataSource)} with the service's name as the pool's. */
    static HikariConfig from(DbConfig config, BorrowLedger ledger, DataSource connectionSource) {
        return from(config, config.serviceName(), ledger, connectionSource);
    }

    /**
     * Settings for a pool whose connections come from {@code connectionSource} when it is not null
     * (HikariCP's {@code setDataSource}): that {@code DataSource} then owns the URL, the credentials
     * and the driver properties, and the config's URL only names the database in error messages.
     * Sizes, timeouts and validation are the config's either way.
     */
    static HikariConfig from(DbConfig config, String poolName, BorrowLedger ledger,
                                    DataSource connectionSource) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName(poolName);
        if (connectionSource != null) {
            hikari.setDataSource(connectionSource);
        } else {
            connectWithPgjdbc(hikari, config);
        }
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setMinimumIdle(config.minConnections());
        hikari.setConnectionTimeout(config.acquireTimeout().toMillis());
        hikari.setIdleTimeout(config.idleTimeout().toMillis());
        hikari.setMaxLifetime(config.maxLifetime().toMillis());
        hikari.setValidationTimeout(Math.max(MIN_VALIDATION_MS,
                Math.min(MAX_VALIDATION_MS, config.acquireTimeout().toMillis() / 2)));
        // Fail at creation, within the connect timeout, when the database cannot be reached.
        hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
        if (!config.testBeforeAcquire()) {
            // HikariCP always validates a connection idle for more than its aliveBypassWindowMs (500 ms,
            // a JVM-wide setting) before handing it out; it has no per-pool switch to turn that off.
            // What can be turned off per pool is the background keepalive probe.
            hikari.setKeepaliveTime(0);
        }
        // The ledger hears of every borrow, return, timeout and eviction of a borrowed connection.
        hikari.setMetricsTrackerFactory(ledger);
        hikari.setExceptionOverride(ledger);
        return hikari;
    }

    private static void connectWithPgjdbc(HikariConfig hikari, DbConfig config) {
        DatabaseUrl url = config.parsedDatabaseUrl();
        hikari.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            hikari.setUsername(url.user());
        }
        if (url.password() != null) {
            hikari.setPassword(url.password());
        }
        long connectSeconds = Math.max(1, config.connectTimeout().toSeconds());
        hikari.addDataSourceProperty("connectTimeout", Long.toString(connectSeconds));
        hikari.addDataSourceProperty("loginTimeout", Long.toString(connectSeconds));
        // A read that blocks longer than this fails and the connection is replaced: a request whose
        // network went silent (no answer, no reset) gives its slot back within it. 0 = no limit.
        hikari.addDataSourceProperty("socketTimeout", Long.toString(config.socketTimeout().toSeconds()));
        hikari.addDataSourceProperty("tcpKeepAlive", Boolean.toString(config.tcpKeepAlive()));
        hikari.addDataSourceProperty("cancelSignalTimeout",
                Long.toString(Math.max(1, config.cancelSignalTimeout().toSeconds())));
        // The server attributes every session to its service (pg_stat_activity.application_name).
        hikari.addDataSourceProperty("ApplicationName", config.serviceName());
        // The name goes in the startup packet instead of a SET after login: behind PgBouncer in
        // transaction mode that SET waits for a free server connection, so during a stall new
        // connections failed to log in (08001). Every server this pool can talk to is 9.0 or later.
        if (!url.jdbcUrl().contains("assumeMinServerVersion")) {
            hikari.addDataSourceProperty("assumeMinServerVersion", "9.0");
        }
    }
}
