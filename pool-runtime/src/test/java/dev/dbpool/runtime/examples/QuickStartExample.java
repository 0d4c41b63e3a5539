package dev.dbpool.runtime.examples;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The quick start of docs/runtime.md; the tagged regions are copied into it (and README.md) and kept equal by a test. */
final class QuickStartExample {

    private QuickStartExample() {
    }

    // tag::create[]
    static DbPool createPool(Map<String, String> env, PrometheusMeterRegistry registry) {
        // The auth-service preset (max 16, min 5), then DATABASE_URL and DB_* from the environment
        // (pass System.getenv() in a service).
        DbConfig config = DbConfig.fromEnv("auth-service", env);
        return DbPool.builder(config)
                .meterRegistry(registry)                               // serve registry.scrape() on /metrics
                .admission(BackpressureConfig.fromEnv(env::get))       // codel unless DB_POOL_BACKPRESSURE_POLICY says otherwise
                .build();
    }
    // end::create[]

    // tag::query[]
    static int countUsers(DbPool pool) throws SQLException {
        try (Connection conn = pool.acquire(); // the pool's policy; times the acquisition, counts errors
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return rs.getInt(1);
        }
    }
    // end::query[]

    // tag::backpressure[]
    static Optional<Integer> countUsersOrShedLoad(DbPool pool) throws SQLException {
        try (Connection conn = pool.acquire(); // sheds at once, or after a short wait, when a queue stands
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM users")) {
            rs.next();
            return Optional.of(rs.getInt(1));
        } catch (PoolExhaustedException e) {
            return Optional.empty(); // answer 503 + Retry-After: e.retryAfter(); e.getMessage() says why
        }
    }
    // end::backpressure[]

    // tag::custom[]
    static DbConfig customConfig() {
        return DbConfig.forService("billing-service").toBuilder() // not a preset: conservative 5/1 and a warning
                .databaseUrl("postgres://billing@db.internal:5432/billing")
                .maxConnections(6)
                .minConnections(2)
                .acquireTimeout(Duration.ofSeconds(3))
                .build();
    }
    // end::custom[]

    static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }
}
