package dev.dbpool.loadgen.netfault;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The runtime's pool behind the proxy, on the real database: a blackhole longer than the socket
 * timeout gives every slot back within the socket timeout, admission keeps failing fast meanwhile, and
 * the pool serves again with nothing leaked; a reset is survived the same way.
 */
class RuntimeSurvivesNetworkFaultsTest {

    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    private FaultProxy proxy;
    private DbPool pool;
    private final ExecutorService requests = Executors.newFixedThreadPool(8);

    @BeforeEach
    void poolThroughTheProxy() {
        DatabaseUrl url = TestDatabase.get().parsed();
        ProxiedUrl target = ProxiedUrl.parse(url.jdbcUrl());
        proxy = FaultProxy.start(target.host(), target.port());
        DbConfig config = DbConfig.forService("video-service")
                .withDatabaseUrl(target.through(proxy.port())).withCredentials(url.user(), url.password())
                .withAcquireTimeout(Duration.ofSeconds(1))
                .withSocketTimeout(SOCKET_TIMEOUT);
        pool = DbPool.builder(config).meterRegistry(new SimpleMeterRegistry()).build();
        // Every connection open before the fault, as in a service that has been up.
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < config.maxConnections(); i++) {
                held.add(pool.acquireWithMetrics());
            }
            for (Connection c : held) {
                c.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        requests.shutdownNow();
        if (pool != null) {
            pool.close();
        }
        proxy.close();
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
        }
    }

    private CompletableFuture<Boolean> slowRequest(AdmissionSettings admission) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = pool.acquireWithMetrics()) {
                query(c, "SELECT pg_sleep(0.5)");
                return true;
            } catch (SQLException e) {
                return false;
            }
        }, requests);
    }

    @Test
    void aBlackholeGivesEverySlotBackWithinTheSocketTimeoutAndThePoolServesAgain() throws Exception {
        AdmissionSettings admission = BackpressureConfig.ofDefaults();
        int max = pool.config().maxConnections();
        List<CompletableFuture<Boolean>> stuck = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            stuck.add(slowRequest(admission));
        }
        awaitActive(max);
        // Every slot is held by a request whose answer is now lost in the network.
        proxy.blackhole(true);
        long start = System.nanoTime();

        // Meanwhile admission fails fast: no caller waits for a slot that a dead network holds.
        Thread.sleep(200);    // codel needs one interval of standing queue
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            assertThatThrownBy(() -> pool.acquireWithBackpressure(admission).close())
                    .isInstanceOf(PoolExhaustedException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t)).isLessThan(500);
        }

        for (CompletableFuture<Boolean> f : stuck) {
            assertThat(f.get(SOCKET_TIMEOUT.toSeconds() + 3, TimeUnit.SECONDS)).as("failed by the socket timeout").isFalse();
        }
        long freedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(freedMillis).isLessThan(SOCKET_TIMEOUT.toMillis() + 2_000);
        assertThat(pool.activeConnections()).isZero();

        proxy.blackhole(false);
        awaitServing(admission);
        assertThat(pool.activeConnections()).isZero();
    }

    @Test
    void aResetIsSurvivedWithoutALeak() throws Exception {
        AdmissionSettings admission = BackpressureConfig.ofDefaults();
        List<CompletableFuture<Boolean>> running = new ArrayList<>();
        for (int i = 0; i < pool.config().maxConnections(); i++) {
            running.add(slowRequest(admission));
        }
        awaitActive(pool.config().maxConnections());
        assertThat(proxy.resetAll()).isPositive();
        for (CompletableFuture<Boolean> f : running) {
            assertThat(f.get(5, TimeUnit.SECONDS)).isFalse();
        }
        awaitServing(admission);
        assertThat(pool.activeConnections()).isZero();
    }

    @Test
    void latencySlowsRequestsButLosesNone() throws Exception {
        AdmissionSettings admission = BackpressureConfig.ofDefaults();
        proxy.latency(Duration.ofMillis(40));
        List<CompletableFuture<Boolean>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try (Connection c = pool.acquireWithMetrics()) {
                    query(c, "SELECT 1");
                    return true;
                } catch (SQLException e) {
                    return false;
                }
            }, requests));
        }
        for (CompletableFuture<Boolean> f : running) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isTrue();
        }
        proxy.latency(Duration.ZERO);
        awaitServing(admission);
        assertThat(pool.activeConnections()).isZero();
    }

    private void awaitActive(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pool.activeConnections() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(pool.activeConnections()).isEqualTo(count);
    }

    /** The pool hands out working connections again, within a few seconds. */
    private void awaitServing(AdmissionSettings admission) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = pool.acquireWithBackpressure(admission)) {
                query(c, "SELECT 1");
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the pool did not serve again within 10 s", last);
    }
}
