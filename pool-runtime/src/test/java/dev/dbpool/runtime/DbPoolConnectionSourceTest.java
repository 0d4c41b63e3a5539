package dev.dbpool.runtime;

import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbPoolConnectionSourceTest {

    private final TestDatabase db = TestDatabase.get();

    /** A config whose own URL leads nowhere: any working connection must come from the DataSource. */
    private static DbConfig configThatCannotConnectByItself() {
        return DbConfig.forService("video-service")
                .withDatabaseUrl("postgres://nobody@127.0.0.1:1/none")
                .withConnectTimeout(Duration.ofSeconds(1));
    }

    private PGSimpleDataSource dataSource(String jdbcUrl, String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        ds.setUser(db.parsed().user());
        ds.setPassword(db.parsed().password());
        ds.setApplicationName(applicationName);
        ds.setConnectTimeout(1);
        return ds;
    }

    @Test
    void opensItsConnectionsFromTheSuppliedDataSourceWithTheSameAccounting() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PGSimpleDataSource source = dataSource(db.parsed().jdbcUrl(), "from-the-data-source");

        try (DbPool pool = DbPool.builder(configThatCannotConnectByItself())
                .meterRegistry(registry).connectionSource(source).build()) {
            try (Connection c = pool.acquireWithBackpressure(BackpressureConfig.ofDefaults());
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("from-the-data-source");
                assertThat(pool.activeConnections()).isEqualTo(1);
            }
            assertThat(pool.activeConnections()).isZero();
            assertThat(registry.get(MetricNames.meterName(MetricNames.ACQUIRE_DURATION))
                    .tag(MetricNames.LABEL_SERVICE, "video-service").timer().count()).isEqualTo(1);
        }
    }

    @Test
    void failsFastWhenTheSuppliedDataSourceCannotConnect() {
        PGSimpleDataSource nowhere = dataSource("jdbc:postgresql://127.0.0.1:1/none", "nowhere");

        assertThatThrownBy(() -> DbPool.builder(configThatCannotConnectByItself())
                .meterRegistry(new SimpleMeterRegistry()).connectionSource(nowhere).build())
                .isInstanceOf(DbPoolException.class)
                .hasMessageStartingWith("video-service: cannot reach PostgreSQL");
    }
}
