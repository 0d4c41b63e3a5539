package dev.dbpool.runtime;

import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session the server ends while a request holds it (pg_terminate_backend, a restart) is evicted by
 * HikariCP, which then reports no return for it: the pool must still stop counting it once closed,
 * or backpressure keeps rejecting after the database is back.
 */
class DbPoolBrokenConnectionTest {

    private static final String SERVICE = "broken-connection-test";

    private static DbConfig config() {
        return DbConfig.forService(SERVICE).withDatabaseUrl(TestDatabase.get().databaseUrl()).withPoolSize(4, 0);
    }

    @Test
    void aConnectionKilledWhileBorrowedIsNotActiveOnceClosed() throws Exception {
        try (DbPool pool = DbPool.create(config(), new SimpleMeterRegistry())) {
            try (Connection c = pool.acquireWithMetrics()) {
                assertThat(pool.activeConnections()).isEqualTo(1);
                TestDatabase.get().terminateSessions(SERVICE);
                assertThatThrownBy(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT 1");
                    }
                }).isInstanceOf(SQLException.class);
            }

            assertThat(pool.activeConnections()).isZero();
            assertThat(pool.utilization()).isZero();
        }
    }

    @Test
    void closingTwiceGivesTheSlotBackOnce() throws Exception {
        try (DbPool pool = DbPool.create(config(), new SimpleMeterRegistry())) {
            Connection first = pool.acquireWithMetrics();
            Connection second = pool.dataSource().getConnection();
            first.close();
            first.close();

            assertThat(pool.activeConnections()).isEqualTo(1);
            assertThat(first.isClosed()).isTrue();
            second.close();
            assertThat(pool.activeConnections()).isZero();
        }
    }
}
