package dev.dbpool.runtime.examples;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.CoDelSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs the examples of docs/runtime.md that are not the quick start. */
class RuntimePageExamplesTest {

    @Test
    void theDocumentedAdmissionSettingsAreTheOnesTheyClaimToBe() {
        var settings = RuntimePageExamples.admissionSettings();

        assertThat(settings.get(1)).isEqualTo(new ThresholdSettings(0.85));
        assertThat(settings.get(2)).isEqualTo(new CoDelSettings(Duration.ofMillis(10), Duration.ofMillis(200)));
        assertThat(Admission.isNone(settings.get(3))).isTrue();
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
            assertThat(pool.admission()).isEqualTo("codel(target=5ms, interval=100ms)");
        }
    }

    @Test
    void aPolicyOfYourOwnIsOneClassOnTheBuilder() throws Exception {
        DbConfig config = DbConfig.forService("video-service").withDatabaseUrl(TestDatabase.get().databaseUrl())
                .withPoolSize(1, 1);
        try (DbPool pool = RuntimePageExamples.ownPolicyPool(config, new SimpleMeterRegistry());
             Connection held = pool.acquire()) {
            assertThat(pool.admission()).isEqualTo("QueueCap");
            assertThatThrownBy(pool::acquire).isInstanceOf(PoolExhaustedException.class)
                    .hasMessageContaining("shed by QueueCap: no connection within 50ms");
            assertThat(held.isValid(1)).isTrue();
        }
    }
}
