package dev.dbpool.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code postgres} target really goes to the server: one SELECT 1 per call, through both pools. */
class BenchTargetPostgresTest {

    @Test
    void bothPoolsRunSelectOneOnTheServerNamedByTheEnvironment() throws SQLException {
        String url = TestDatabase.get().databaseUrl();
        BenchTarget target = BenchTarget.open(BenchTarget.POSTGRES, 2, Map.of(BenchTarget.ENV_DATABASE_URL, url)::get);

        assertThat(target.config().parsedDatabaseUrl()).isEqualTo(DatabaseUrl.parse(url));
        try (DbPool pool = target.openDbPool(new SimpleMeterRegistry(), dev.dbpool.runtime.admission.Admission.none());
             HikariDataSource baseline = target.openBaseline(pool);
             Connection bare = baseline.getConnection();
             Connection pooled = pool.acquireWithMetrics()) {
            // SELECT 1 throws unless the server answered 1
            target.work().use(bare);
            target.work().use(pooled);
            assertThat(pool.activeConnections()).isEqualTo(1);
        }
    }

    @Test
    void withoutTheVariableItIsTheLocalServer() {
        BenchTarget target = BenchTarget.open(BenchTarget.POSTGRES, 4, name -> null);

        assertThat(target.config().databaseUrl()).isEqualTo(BenchTarget.DEFAULT_DATABASE_URL);
        assertThat(target.config().maxConnections()).isEqualTo(4);
        assertThat(target.config().minConnections()).isEqualTo(4);
    }
}
