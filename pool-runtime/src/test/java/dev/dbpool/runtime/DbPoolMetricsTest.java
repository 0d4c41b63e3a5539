package dev.dbpool.runtime;

import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Prometheus scrapes from a real pool. */
class DbPoolMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private DbConfig config(String service) {
        return DbConfig.forService(service).withDatabaseUrl(TestDatabase.get().databaseUrl());
    }

    @Test
    void scrapeHasEveryMetricWithItsLabelsFromTheFirstScrape() {
        try (DbPool pool = DbPool.create(config("auth-service"), registry)) {
            String scrape = registry.scrape();

            assertThat(scrape).contains(
                    "db_pool_connections{pool=\"auth-service\",service=\"auth-service\",state=\"active\"} 0",
                    "db_pool_connections{pool=\"auth-service\",service=\"auth-service\",state=\"idle\"}",
                    "db_pool_connections{pool=\"auth-service\",service=\"auth-service\",state=\"max\"} 16",
                    "db_pool_connections_pending{pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_acquire_duration_seconds_bucket{pool=\"auth-service\",service=\"auth-service\",le=\"0.001\"} 0",
                    "db_pool_acquire_duration_seconds_count{pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_acquire_duration_seconds_sum{pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_connection_errors_total{error_type=\"timeout\",pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_connection_errors_total{error_type=\"closed\",pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_connection_errors_total{error_type=\"other\",pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_exhausted_total{pool=\"auth-service\",service=\"auth-service\"} 0",
                    "db_pool_utilization_ratio{pool=\"auth-service\",service=\"auth-service\"} 0");
            for (String name : MetricNames.ALL) {
                assertThat(scrape).contains("# TYPE " + name + " ");
            }
        }
    }

    @Test
    void histogramHasTheFixedBuckets() {
        try (DbPool pool = DbPool.create(config("auth-service"), registry)) {
            String scrape = registry.scrape();
            for (String le : new String[] {"0.001", "0.005", "0.01", "0.05", "0.1", "0.5", "1.0", "2.5", "5.0", "10.0"}) {
                assertThat(scrape).contains("db_pool_acquire_duration_seconds_bucket{pool=\"auth-service\",service=\"auth-service\",le=\"" + le + "\"}");
            }
        }
    }

    @Test
    void acquisitionIsTimedAndActiveCounted() throws SQLException {
        try (DbPool pool = DbPool.create(config("user-service"), registry);
             Connection c = pool.acquireWithMetrics()) {
            String scrape = registry.scrape();

            assertThat(scrape)
                    .contains("db_pool_acquire_duration_seconds_count{pool=\"user-service\",service=\"user-service\"} 1")
                    .contains("db_pool_connections{pool=\"user-service\",service=\"user-service\",state=\"active\"} 1")
                    .contains("db_pool_utilization_ratio{pool=\"user-service\",service=\"user-service\"} 0.0555");
        }
    }

    @Test
    void anAcquireTimeoutCountsAsTimeout() throws SQLException {
        DbConfig tiny = config("cdn-service").withPoolSize(1, 0).withAcquireTimeout(Duration.ofMillis(300));
        try (DbPool pool = DbPool.create(tiny, registry);
             Connection only = pool.acquireWithMetrics()) {

            assertThatThrownBy(pool::acquireWithMetrics)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("request timed out after");

            assertThat(registry.scrape())
                    .contains("db_pool_connection_errors_total{error_type=\"timeout\",pool=\"cdn-service\",service=\"cdn-service\"} 1")
                    .contains("db_pool_connection_errors_total{error_type=\"other\",pool=\"cdn-service\",service=\"cdn-service\"} 0")
                    .contains("db_pool_acquire_duration_seconds_count{pool=\"cdn-service\",service=\"cdn-service\"} 2");
        }
    }

    @Test
    void anAcquireFromAClosedPoolCountsAsClosed() {
        DbPool pool = DbPool.create(config("video-service"), registry);
        pool.close();

        assertThatThrownBy(pool::acquireWithMetrics).isInstanceOf(SQLException.class);

        assertThat(registry.scrape())
                .contains("db_pool_connection_errors_total{error_type=\"closed\",pool=\"video-service\",service=\"video-service\"} 1")
                .contains("db_pool_connection_errors_total{error_type=\"timeout\",pool=\"video-service\",service=\"video-service\"} 0");
    }

    @Test
    void closingRemovesTheGaugesSoTheServiceCanBeCreatedAgain() throws SQLException {
        DbPool first = DbPool.create(config("feed-service"), registry);
        first.close();

        try (DbPool second = DbPool.create(config("feed-service"), registry);
             Connection c = second.acquireWithMetrics()) {
            assertThat(registry.scrape())
                    .contains("db_pool_connections{pool=\"feed-service\",service=\"feed-service\",state=\"active\"} 1");
        }
    }
}
