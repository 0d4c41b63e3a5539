package dev.dbpool.loadgen.fleet;

import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Why the fleet soak through PgBouncer showed 08001 on its timeouts: in transaction mode PgBouncer gives
 * a client a server connection only for a transaction, and pgjdbc, unless told the server is 9.0 or
 * later, sends {@code SET application_name} as a query right after logging in. With every server
 * connection busy (a stall), that query waits, and the login times out: 08001. The pools' data source
 * tells pgjdbc, so application_name goes in the startup packet and a login needs no server connection.
 * Real PostgreSQL, real PgBouncer (transaction mode, one server connection, held by an open transaction).
 */
class PgBouncerLoginTest {

    /** Long enough for a login on a busy machine; a login that waits for the busy server connection never ends. */
    private static final int LOGIN_TIMEOUT_SECONDS = 10;
    /** Where waiting is the behaviour shown: any bound shows it. */
    private static final int SHORT_LOGIN_TIMEOUT_SECONDS = 2;

    private static PgBouncer bouncer;
    private static Connection holder;
    private static FleetTarget target;

    @BeforeAll
    static void startPgBouncerWithItsOnlyServerConnectionBusy() throws SQLException {
        Path binary = PgBouncer.locate(null, System.getenv("PATH"));
        assumeTrue(PgBouncer.isExecutable(binary) || System.getenv("DBPOOL_REQUIRE_PGBOUNCER") != null,
                "pgbouncer is not installed (apt-get install pgbouncer); skipped");
        DatabaseUrl url = TestDatabase.get().parsed();
        Properties where = org.postgresql.Driver.parseURL(url.jdbcUrl(), null);
        String host = where.getProperty("PGHOST").split(",")[0];
        int port = Integer.parseInt(where.getProperty("PGPORT").split(",")[0]);
        String database = where.getProperty("PGDBNAME");
        String user = url.user() == null ? System.getProperty("user.name") : url.user();
        PoolerSettings oneServerConnection = new PoolerSettings("test", PoolerSettings.TRANSACTION, 10, 1, 0, 1, 0,
                2, 1, true);
        bouncer = PgBouncer.start(binary, oneServerConnection, host, port, database, List.of(user), url.password());
        target = new FleetTarget("127.0.0.1", bouncer.port(), database, user, url.password(), true,
                () -> TestDatabase.get().adminConnection(), "public", Optional.empty());
        holder = new CountingDataSource(target, user, "holder", LOGIN_TIMEOUT_SECONDS, CountingDataSource.newCounts())
                .getConnection();
        holder.setAutoCommit(false);
        try (Statement s = holder.createStatement()) {
            s.execute("SELECT 1"); // an open transaction: PgBouncer's one server connection is this client's
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (holder != null) {
            holder.rollback();
            holder.close();
        }
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void aPoolLogsInWhileEveryServerConnectionIsBusy() throws SQLException {
        CountingDataSource pools = new CountingDataSource(target, target.defaultUser(), "auth-service",
                LOGIN_TIMEOUT_SECONDS, CountingDataSource.newCounts());

        try (Connection connection = pools.getConnection()) {
            assertThat(connection.isClosed()).isFalse();
        }
    }

    @Test
    void withoutTheServerVersionPgjdbcWaitsForOneToSetItsApplicationName() {
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setServerNames(new String[] {target.host()});
        plain.setPortNumbers(new int[] {target.port()});
        plain.setDatabaseName(target.database());
        plain.setUser(target.defaultUser());
        plain.setPassword(target.password());
        plain.setApplicationName("auth-service");
        plain.setLoginTimeout(SHORT_LOGIN_TIMEOUT_SECONDS);

        Throwable refused = catchThrowableOfType(SQLException.class, () -> plain.getConnection().close());

        assertThat(refused).as("the login waited for a server connection and timed out").isNotNull();
        assertThat(((SQLException) refused).getSQLState()).isEqualTo("08001");
    }
}
