package dev.dbpool.runtime.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.BackpressurePolicy;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the examples of docs/runtime.md that are not the quick start. */
class RuntimePageExamplesTest {

    @Test
    void theDocumentedAdmissionSettingsAreTheOnesTheyClaimToBe() {
        var settings = RuntimePageExamples.admissionSettings();

        assertThat(settings.get(1).policy()).isEqualTo(BackpressurePolicy.THRESHOLD);
        assertThat(settings.get(1).threshold()).isEqualTo(0.85);
        assertThat(settings.get(2).policy()).isEqualTo(BackpressurePolicy.CODEL);
        assertThat(settings.get(2).codelTarget()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void theDataSourceServesConnectionsFromTheRealDatabase() throws Exception {
        TestDatabase db = TestDatabase.get();
        try (DbPool pool = RuntimePageExamples.dataSourcePool(
                Map.of("DATABASE_URL", db.databaseUrl(), "DB_MAX_CONNECTIONS", "2", "DB_MIN_CONNECTIONS", "1"),
                new SimpleMeterRegistry())) {
            DataSource ds = pool.dataSource();
            try (Connection conn = ds.getConnection()) {
                assertThat(conn.isValid(1)).isTrue();
            }
            assertThat(ds.unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(2);
        }
    }
}
