package dev.dbpool.runtime;

import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counts that backpressure and the gauges read, and the histogram, after every kind of acquisition. */
class DbPoolAccountingTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private DbConfig config(String service) {
        return DbConfig.forService(service).withDatabaseUrl(TestDatabase.get().databaseUrl());
    }

    private Timer acquireTimer(String service) {
        return registry.get(MetricNames.meterName(MetricNames.ACQUIRE_DURATION))
                .tag(MetricNames.LABEL_SERVICE, service).timer();
    }

    // The one connection is opened when the pool starts (min idle 1), so on a busy machine the short
    // acquire timeout bounds only the second, refused, acquisition, not a slow first login.
    @Test
    void aTimedOutAcquisitionLeavesNothingCountedAsActive() throws SQLException {
        DbConfig tiny = config("cdn-service").withPoolSize(1, 1).withAcquireTimeout(Duration.ofMillis(250));
        try (DbPool pool = DbPool.create(tiny, registry)) {
            try (Connection only = pool.acquireWithMetrics()) {
                assertThatThrownBy(pool::acquireWithMetrics).isInstanceOf(SQLTransientConnectionException.class);
                assertThat(pool.activeConnections()).isEqualTo(1);
            }
            assertThat(pool.activeConnections()).isZero();
            assertThat(pool.utilization()).isZero();
        }
    }

    @Test
    void theTimedOutWaitIsInTheHistogramAtItsFullLength() throws SQLException {
        DbConfig tiny = config("streaming-service").withPoolSize(1, 1).withAcquireTimeout(Duration.ofMillis(250));
        try (DbPool pool = DbPool.create(tiny, registry);
             Connection only = pool.acquireWithMetrics()) {
            assertThatThrownBy(pool::acquireWithMetrics).isInstanceOf(SQLTransientConnectionException.class);

            assertThat(acquireTimer("streaming-service").count()).isEqualTo(2);
            assertThat(acquireTimer("streaming-service").max(java.util.concurrent.TimeUnit.MILLISECONDS))
                    .isGreaterThanOrEqualTo(250.0);
        }
    }

    @Test
    void acquisitionsThroughTheDataSourceAreCountedAndTimedToo() throws SQLException {
        try (DbPool pool = DbPool.create(config("media-service"), registry)) {
            try (Connection direct = pool.dataSource().getConnection()) {
                assertThat(pool.activeConnections()).isEqualTo(1);
            }
            assertThat(pool.activeConnections()).isZero();
            assertThat(acquireTimer("media-service").count()).isEqualTo(1);
        }
    }
}
