package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code pool.dataSource()} as frameworks use it, two pools of one service, and draining. */
class DbPoolDataSourceTest {

    private static DbConfig config(String service, int max) {
        return DbConfig.forService(service).withDatabaseUrl(TestDatabase.get().databaseUrl())
                .withPoolSize(max, 0).withAcquireTimeout(Duration.ofSeconds(10));
    }

    private static double counter(MeterRegistry registry, String name, String pool) {
        return registry.get(MetricNames.meterName(name)).tag(MetricNames.LABEL_POOL, pool).counter().count();
    }

    @Test
    void dataSourceShedsWithTheBuildersPolicyInsteadOfWaitingTheAcquireTimeout() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DbPool pool = DbPool.builder(config("media-service", 2)).meterRegistry(registry)
                .admission(BackpressureConfig.ofDefaults()).build()) {
            DataSource ds = pool.dataSource();
            // Held with a plain wait: on a busy machine opening a connection can take longer than the
            // 100 ms codel lets a request wait, and this test is about the third request.
            List<Connection> held = new ArrayList<>();
            held.add(pool.acquireWithMetrics());
            held.add(pool.acquireWithMetrics());

            long start = System.nanoTime();
            assertThatThrownBy(ds::getConnection).isInstanceOf(PoolExhaustedException.class)
                    .satisfies(e -> assertThat(((PoolExhaustedException) e).retryAfter()).isPositive());
            // codel allows 100 ms while healthy; the acquire timeout is 10 s.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(counter(registry, MetricNames.EXHAUSTED, "media-service")).isEqualTo(1.0);
            assertThat(pool.activeConnections()).isEqualTo(2);

            for (Connection c : held) {
                c.close();
            }
            assertThat(pool.activeConnections()).isZero();
            assertThat(registry.get(MetricNames.meterName(MetricNames.ACQUIRE_DURATION)).timer().count())
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void dataSourceWithoutAPolicyClassifiesErrors() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DbPool pool = DbPool.builder(config("events-service", 1)).meterRegistry(registry).build();
        DataSource ds = pool.dataSource();
        pool.close();

        assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
        assertThat(registry.get(MetricNames.meterName(MetricNames.CONNECTION_ERRORS))
                .tag(MetricNames.LABEL_ERROR_TYPE, MetricNames.ERROR_CLOSED).counter().count()).isEqualTo(1.0);
    }

    @Test
    void unwrapGivesTheHikariPoolWhoseConnectionsAreCounted() throws Exception {
        try (DbPool pool = DbPool.builder(config("video-service", 2)).meterRegistry(new SimpleMeterRegistry())
                .admission(BackpressureConfig.ofDefaults()).build()) {
            assertThat(pool.dataSource().isWrapperFor(HikariDataSource.class)).isTrue();
            HikariDataSource hikari = pool.dataSource().unwrap(HikariDataSource.class);
            assertThat(hikari.getPoolName()).isEqualTo("video-service");
            try (Connection c = hikari.getConnection()) {
                assertThat(pool.activeConnections()).isEqualTo(1);
            }
            assertThat(pool.activeConnections()).isZero();
        }
    }

    @Test
    void twoPoolsOfOneServiceHaveTheirOwnSeries() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DbPool primary = DbPool.builder(config("user-service", 3)).meterRegistry(registry).build();
        try (DbPool replica = DbPool.builder(config("user-service", 2)).poolName("user-service-replica")
                .meterRegistry(registry).build();
             Connection c = replica.acquireWithMetrics()) {
            String scrape = registry.scrape();
            assertThat(scrape)
                    .contains("db_pool_connections{pool=\"user-service\",service=\"user-service\",state=\"max\"} 3")
                    .contains("db_pool_connections{pool=\"user-service-replica\",service=\"user-service\",state=\"max\"} 2")
                    .contains("db_pool_connections{pool=\"user-service-replica\",service=\"user-service\",state=\"active\"} 1")
                    .contains("db_pool_connections{pool=\"user-service\",service=\"user-service\",state=\"active\"} 0");
            assertThat(replica.poolName()).isEqualTo("user-service-replica");
            assertThat(replica.dataSource().unwrap(HikariDataSource.class).getPoolName()).isEqualTo("user-service-replica");

            primary.close();
            // Closing one removes its gauges only.
            assertThat(registry.scrape())
                    .doesNotContain("db_pool_connections{pool=\"user-service\",service=\"user-service\",state=\"max\"}")
                    .contains("db_pool_connections{pool=\"user-service-replica\",service=\"user-service\",state=\"max\"} 2");
        } finally {
            primary.close();
        }
    }

    @Test
    void refusesASecondPoolOfTheSameNameInOneRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DbPool first = DbPool.create(config("feed-service", 1), registry)) {
            assertThatThrownBy(() -> DbPool.create(config("feed-service", 1), registry))
                    .isInstanceOf(DbPoolException.class)
                    .hasMessageContaining("feed-service: a pool named 'feed-service' is already registered")
                    .hasMessageContaining("poolName(");
            assertThat(first.isClosed()).isFalse();
        }
        // Once the first is closed, the service's pool can be created again and continues its counters.
        try (DbPool again = DbPool.create(config("feed-service", 1), registry)) {
            assertThat(again.isClosed()).isFalse();
        }
    }

    @Test
    void rejectsABlankPoolName() {
        assertThatThrownBy(() -> DbPool.builder(config("feed-service", 1)).poolName(" "))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("poolName must be a non-blank name");
    }

    @Test
    void drainStopsAdmittingAndWaitsForBorrowedConnections() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (DbPool pool = DbPool.builder(config("search-service", 2)).meterRegistry(registry)
                .admission(BackpressureConfig.ofDefaults()).build()) {
            Connection borrowed = pool.dataSource().getConnection();
            Thread giver = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    borrowed.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            giver.start();

            assertThat(pool.drain(Duration.ofSeconds(20))).isTrue();
            assertThat(pool.activeConnections()).isZero();
            assertThat(pool.isDraining()).isTrue();
            assertThatThrownBy(() -> pool.dataSource().getConnection())
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessage("search-service pool (search-service) is shutting down: no new connections")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57P03"));
            assertThatThrownBy(pool::acquireWithMetrics).isInstanceOf(SQLTransientConnectionException.class);
            assertThat(registry.get(MetricNames.meterName(MetricNames.CONNECTION_ERRORS))
                    .tag(MetricNames.LABEL_ERROR_TYPE, MetricNames.ERROR_CLOSED).counter().count()).isEqualTo(2.0);
            giver.join();
        }
    }

    @Test
    void drainGivesUpAfterItsTimeout() throws Exception {
        try (DbPool pool = DbPool.create(config("cdn-service", 1), new SimpleMeterRegistry());
             Connection kept = pool.acquireWithMetrics()) {
            assertThat(pool.drain(Duration.ofMillis(50))).isFalse();
            assertThat(kept.isClosed()).isFalse();
        }
    }
}
