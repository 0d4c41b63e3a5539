package dev.dbpool.runtime;

import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The threshold rule against a real pool on a real PostgreSQL: auth-service, max 16, threshold 0.85. */
class DbPoolBackpressureTest {

    private static final ThresholdSettings THRESHOLD = BackpressureConfig.of(0.85);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Connection> held = new ArrayList<>();
    private DbPool pool;

    @BeforeEach
    void createPool() {
        pool = DbPool.builder(DbConfig.forService("auth-service").withDatabaseUrl(TestDatabase.get().databaseUrl()))
                .meterRegistry(registry).admission(THRESHOLD).build();
    }

    @AfterEach
    void release() throws SQLException {
        for (Connection c : held) {
            c.close();
        }
        pool.close();
    }

    @Test
    void holding13OfSixteenLetsTheNextRequestThrough() throws SQLException {
        hold(13);

        try (Connection next = pool.acquire()) {
            assertThat(next.isValid(1)).isTrue();
        }
        assertThat(exhaustedCount()).isZero();
    }

    @Test
    void holding14OfSixteenRejectsTheNextRequest() throws SQLException {
        hold(14);

        PoolExhaustedException e = catchThrowableOfType(PoolExhaustedException.class,
                () -> pool.acquire());

        assertThat(e.service()).isEqualTo("auth-service");
        assertThat(e.active()).isEqualTo(14);
        assertThat(e.max()).isEqualTo(16);
        assertThat(e.utilization()).isEqualTo(0.875);
        assertThat(e.getMessage())
                .isEqualTo("auth-service pool exhausted, shed by threshold: utilization 0.88 > 0.85 "
                        + "(active=14, max=16); retry after 1000ms");
        assertThat(e.getSQLState()).isEqualTo("53L01").isNotEqualTo("53300");
        assertThat(e.waited()).isFalse();
        assertThat(exhaustedCount()).isEqualTo(1.0);
    }

    @Test
    void aRejectionLeavesTheCountersAsTheyWere() throws SQLException {
        hold(14);
        assertThatThrownBy(() -> pool.dataSource().getConnection())
                .isInstanceOf(PoolExhaustedException.class);

        held.remove(0).close();

        // Back to 13 held: the rejected request must not have left a phantom in-flight acquisition.
        try (Connection next = pool.acquireWithBackpressure(THRESHOLD)) {
            assertThat(pool.activeConnections()).isEqualTo(14);
        }
        assertThat(pool.activeConnections()).isEqualTo(13);
    }

    @Test
    void theOriginalDesignsCallAppliesTheSettingsItIsGiven() throws SQLException {
        hold(14);

        try (Connection next = pool.acquireWithBackpressure(BackpressureConfig.of(0.95))) {
            assertThat(pool.activeConnections()).isEqualTo(15);
        }
        assertThatThrownBy(() -> pool.acquireWithBackpressure(BackpressureConfig.of(0.85)))
                .isInstanceOf(PoolExhaustedException.class);
    }

    @Test
    void plainWaitingIgnoresThePolicy() throws SQLException {
        hold(15);

        try (Connection next = pool.acquireWithMetrics()) {
            assertThat(pool.activeConnections()).isEqualTo(16);
        }
        assertThat(exhaustedCount()).isZero();
    }

    @Test
    void utilizationFollowsHeldConnections() throws SQLException {
        hold(8);

        assertThat(pool.activeConnections()).isEqualTo(8);
        assertThat(pool.utilization()).isEqualTo(0.5);
        assertThat(registry.get("db_pool_utilization_ratio").gauge().value()).isEqualTo(0.5);
    }

    private void hold(int n) throws SQLException {
        for (int i = 0; i < n; i++) {
            held.add(pool.acquireWithMetrics());
        }
    }

    private double exhaustedCount() {
        return registry.get("db_pool_exhausted").tag("service", "auth-service").counter().count();
    }
}
