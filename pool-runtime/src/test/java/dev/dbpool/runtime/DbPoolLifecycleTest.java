package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DbPoolLifecycleTest {

    private final TestDatabase db = TestDatabase.get();

    private DbConfig config(String service) {
        return DbConfig.forService(service).withDatabaseUrl(db.databaseUrl());
    }

    @Test
    void connectionsCarryTheServiceNameAsApplicationName() throws SQLException {
        try (DbPool pool = DbPool.create(config("search-service"), new SimpleMeterRegistry());
             Connection c = pool.acquireWithMetrics();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('application_name')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("search-service");
        }
    }

    @Test
    void opensTheMinimumConnectionsAtCreation() throws SQLException {
        try (DbPool pool = DbPool.create(config("content-service"), new SimpleMeterRegistry())) {
            assertThat(pool.totalConnections()).isGreaterThanOrEqualTo(1);
            assertThat(pool.activeConnections()).isZero();
        }
    }

    @Test
    void handsOutAWorkingConnectionAfterEverySessionWasTerminated() throws Exception {
        try (DbPool pool = DbPool.create(config("notification-service"), new SimpleMeterRegistry())) {
            List<Connection> warm = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                warm.add(pool.acquireWithMetrics());
            }
            for (Connection c : warm) {
                c.close();
            }
            assertThat(db.terminateSessions("notification-service")).isGreaterThanOrEqualTo(4);
            // HikariCP validates a borrowed connection only when it has been idle longer than its
            // aliveBypassWindowMs (500 ms); let the dead ones pass that window, as in real traffic.
            Thread.sleep(600);

            try (Connection c = pool.acquireWithMetrics();
                 Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(pool.activeConnections()).isZero();
        }
    }

    @Test
    void failsFastWithAClearMessageWhenTheDatabaseIsUnreachable() {
        DbConfig unreachable = DbConfig.forService("auth-service")
                .withDatabaseUrl("postgres://app:hunter2@127.0.0.1:1/app")
                .withConnectTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> DbPool.create(unreachable, new SimpleMeterRegistry()))
                .isInstanceOf(DbPoolException.class)
                .hasMessageStartingWith("auth-service: cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/app within 1000ms: ")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void thePasswordAppearsInNoMessageLogLineOrToString() throws Exception {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        List<String> texts = new ArrayList<>();
        try {
            DbConfig wrongPassword = DbConfig.forService("events-service")
                    .withDatabaseUrl("postgres://nobody_here:hunter2@127.0.0.1:1/app")
                    .withConnectTimeout(Duration.ofSeconds(1));
            texts.add(wrongPassword.toString());
            texts.add(wrongPassword.parsedDatabaseUrl().toString());
            try {
                DbPool.create(wrongPassword, new SimpleMeterRegistry()).close();
            } catch (DbPoolException e) {
                for (Throwable t = e; t != null; t = t.getCause()) {
                    texts.add(String.valueOf(t.getMessage()));
                    texts.add(t.toString());
                }
            }
        } finally {
            System.setErr(originalErr);
        }
        texts.add(captured.toString(StandardCharsets.UTF_8));

        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain("hunter2"));
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("HikariCP logged the failure").isNotBlank();
    }

    @Test
    void monitorIntervalIsConfigurable() {
        assertThatThrownBy(() -> DbPool.builder(config("cdn-service")).monitorInterval(Duration.ZERO))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("monitorInterval must be a positive duration, got 'PT0S'");
    }
}
