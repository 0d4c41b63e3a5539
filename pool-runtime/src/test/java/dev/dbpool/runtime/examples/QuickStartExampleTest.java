package dev.dbpool.runtime.examples;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the quick start of docs/runtime.md (and the README's runtime example) against the real database. */
class QuickStartExampleTest {

    @Test
    void theQuickStartRunsAgainstARealDatabase() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.execute("CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, name text NOT NULL)");
        PrometheusMeterRegistry registry = QuickStartExample.newRegistry();

        try (DbPool pool = QuickStartExample.createPool(
                Map.of("DATABASE_URL", db.databaseUrl(), "DB_MAX_CONNECTIONS", "4", "DB_MIN_CONNECTIONS", "1"),
                registry)) {
            assertThat(pool.config().maxConnections()).isEqualTo(4);
            assertThat(QuickStartExample.countUsers(pool)).isGreaterThanOrEqualTo(0);
            assertThat(QuickStartExample.countUsersOrShedLoad(pool)).isPresent();

            List<Connection> busy = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                busy.add(pool.acquireWithMetrics());
            }
            assertThat(QuickStartExample.countUsersOrShedLoad(pool)).isEmpty();
            for (Connection c : busy) {
                c.close();
            }
            assertThat(registry.scrape()).contains("db_pool_exhausted_total{pool=\"auth-service\",service=\"auth-service\"} 1.0");
        }
    }

    @Test
    void theCustomConfigIsValid() {
        DbConfig config = QuickStartExample.customConfig();

        assertThat(config.maxConnections()).isEqualTo(6);
        assertThat(config.minConnections()).isEqualTo(2);
    }
}
