package dev.dbpool.loadgen.closedloop;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

class PreparedPerConnectionTest {

    private static final String SQL = "SELECT 1 + ?";

    private DbPool pool;

    @BeforeEach
    void onePooledConnection() {
        pool = DbPool.create(ClosedLoopRun.poolConfig(TestDatabase.get().databaseUrl(), 1), new SimpleMeterRegistry());
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void theStatementOutlivesTheBorrowAndIsFoundAgainOnTheSameConnection() throws SQLException {
        PreparedPerConnection cache = new PreparedPerConnection(SQL);
        PreparedStatement first;
        try (Connection c = pool.acquireWithMetrics()) {
            first = cache.on(c);
            assertThat(run(first)).isEqualTo(2);
        }
        try (Connection c = pool.acquireWithMetrics()) {
            PreparedStatement again = cache.on(c);
            assertThat(again).isSameAs(first);
            assertThat(run(again)).isEqualTo(2);
        }
    }

    @Test
    void itIsPreparedOnTheServerFromItsFirstExecution() throws SQLException {
        PreparedPerConnection cache = new PreparedPerConnection(SQL);
        try (Connection c = pool.acquireWithMetrics()) {
            run(cache.on(c));
            assertThat(preparedOnServer(c)).isEqualTo(1);
        }
    }

    @Test
    void aConnectionThePoolReplacedGetsAStatementOfItsOwn() throws SQLException {
        PreparedPerConnection cache = new PreparedPerConnection(SQL);
        PreparedStatement first;
        try (Connection c = pool.acquireWithMetrics()) {
            first = cache.on(c);
        }
        pool.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();

        try (Connection c = pool.acquireWithMetrics()) {
            PreparedStatement second = cache.on(c);
            assertThat(second).isNotSameAs(first);
            assertThat(run(second)).isEqualTo(2);
        }
    }

    @Test
    void aDiscardedStatementIsPreparedAgain() throws SQLException {
        PreparedPerConnection cache = new PreparedPerConnection(SQL);
        try (Connection c = pool.acquireWithMetrics()) {
            PreparedStatement first = cache.on(c);
            cache.discard(c);
            assertThat(first.isClosed()).isTrue();
            assertThat(cache.on(c)).isNotSameAs(first);
        }
    }

    private static int run(PreparedStatement statement) throws SQLException {
        statement.setInt(1, 1);
        try (ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static int preparedOnServer(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT 1 + $1'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
