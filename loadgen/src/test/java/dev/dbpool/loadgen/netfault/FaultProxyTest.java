package dev.dbpool.loadgen.netfault;

import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The proxy between a client and the real database: it passes the protocol through, and each fault does what it says. */
class FaultProxyTest {

    private FaultProxy proxy;
    private String proxiedUrl;

    @BeforeEach
    void startProxy() {
        DatabaseUrl url = TestDatabase.get().parsed();
        ProxiedUrl target = ProxiedUrl.parse(url.jdbcUrl());
        proxy = FaultProxy.start(target.host(), target.port());
        proxiedUrl = target.through(proxy.port());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private Connection connect(int socketTimeoutSeconds) throws SQLException {
        DatabaseUrl url = TestDatabase.get().parsed();
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(proxiedUrl, props);
    }

    private static int selectOne(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void listensOnLoopbackAndPassesTheProtocolThrough() throws Exception {
        try (Connection c = connect(0)) {
            assertThat(selectOne(c)).isEqualTo(1);
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
        assertThat(proxiedUrl).startsWith("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
    }

    @Test
    void latencyDelaysEveryRoundTrip() throws Exception {
        try (Connection c = connect(0)) {
            selectOne(c);
            proxy.latency(Duration.ofMillis(50));
            long start = System.nanoTime();
            selectOne(c);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            proxy.latency(Duration.ZERO);

            // a query is one round trip: 50 ms on the way there and 50 ms on the way back
            assertThat(tookMillis).isGreaterThanOrEqualTo(100);
        }
    }

    @Test
    void aBlackholeHoldsEverythingWithoutAResetAndDeliversItWhenItEnds() throws Exception {
        try (Connection c = connect(0)) {
            selectOne(c);
            proxy.blackhole(true);
            CompletableFuture<Integer> query = CompletableFuture.supplyAsync(() -> {
                try {
                    return selectOne(c);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(700);
            assertThat(query).isNotDone();
            assertThat(proxy.openConnections()).isEqualTo(1);

            proxy.blackhole(false);
            assertThat(query.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        }
    }

    @Test
    void aSocketTimeoutEndsARequestCaughtInABlackhole() throws Exception {
        try (Connection c = connect(1)) {
            selectOne(c);
            proxy.blackhole(true);
            long start = System.nanoTime();
            assertThatThrownBy(() -> selectOne(c)).isInstanceOf(SQLException.class);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(tookMillis).isBetween(900L, 4_000L);
            assertThat(c.isClosed()).isTrue();
        } finally {
            proxy.blackhole(false);
        }
    }

    @Test
    void aResetBreaksEveryConnectionAtOnce() throws Exception {
        try (Connection a = connect(0); Connection b = connect(0)) {
            selectOne(a);
            selectOne(b);

            assertThat(proxy.resetAll()).isEqualTo(2);

            assertThatThrownBy(() -> selectOne(a)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            assertThatThrownBy(() -> selectOne(b)).isInstanceOf(SQLException.class);
            assertThat(proxy.openConnections()).isZero();
        }
        try (Connection c = connect(0)) {
            assertThat(selectOne(c)).as("new connections work after a reset").isEqualTo(1);
        }
    }

    @Test
    void closeStopsTheListener() throws Exception {
        proxy.close();
        assertThatThrownBy(() -> connect(0)).isInstanceOf(SQLException.class);
        proxy.close();    // idempotent
    }

    @Test
    void aUrlWithSeveralHostsIsRefused() {
        assertThatThrownBy(() -> ProxiedUrl.parse("jdbc:postgresql://a:5432,b:5432/db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one host");
        assertThat(ProxiedUrl.parse("jdbc:postgresql://db.internal/app?sslmode=require"))
                .isEqualTo(new ProxiedUrl("db.internal", 5432, "/app?sslmode=require"));
    }
}
