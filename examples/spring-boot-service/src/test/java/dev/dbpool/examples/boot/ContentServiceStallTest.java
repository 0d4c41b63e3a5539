package dev.dbpool.examples.boot;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.examples.boot.ServiceClient.Timed;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started as it starts in production ({@code SpringApplication.run} of its main class, on
 * a random port) against the tests' real PostgreSQL, its database stalled by a held table lock (as
 * {@code dbpool soak}'s slowdown does): requests are shed with 503 and Retry-After well under a second
 * instead of waiting the 10 s acquire timeout, the shed requests show on /actuator/prometheus,
 * /actuator/health answers at once, and service is back when the lock goes. The same test runs on
 * Spring Boot 4 (this module) and 3.5 (examples/spring-boot3-service).
 */
class ContentServiceStallTest {

    private static final int MAX = 4;
    private static final TestDatabase DB = TestDatabase.get();
    /** Far below the 10 s acquire timeout, far above codel's 100 ms: no tight timing. */
    private static final Duration WELL_UNDER_THE_ACQUIRE_TIMEOUT = Duration.ofSeconds(2);

    private static ConfigurableApplicationContext service;
    private static ServiceClient client;
    private static DbPool pool;

    @BeforeAll
    static void start() {
        // spring.datasource.* as a service sets them; DB_* as the environment of its deployment would.
        // DB_MIN_CONNECTIONS=MAX: opened to its max, as the soak does: a connection being created takes
        // part of the 100 ms that codel lets a request wait, and the test wants every connection stuck on the lock.
        service = SpringApplication.run(ContentServiceApplication.class, "--server.port=0",
                "--spring.datasource.url=" + DB.parsed().jdbcUrl(),
                "--spring.datasource.username=" + (DB.parsed().user() == null ? "" : DB.parsed().user()),
                "--spring.datasource.password=" + (DB.parsed().password() == null ? "" : DB.parsed().password()),
                "--DB_MAX_CONNECTIONS=" + MAX, "--DB_MIN_CONNECTIONS=" + MAX);
        client = new ServiceClient(Integer.parseInt(service.getEnvironment().getProperty("local.server.port")));
        pool = service.getBean(DbPool.class);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void theDataSourceIsTheDbpoolPool() throws Exception {
        DataSource dataSource = service.getBean(DataSource.class);
        assertThat(dataSource).isSameAs(pool.dataSource());
        assertThat(pool.serviceName()).isEqualTo("content-service");
        assertThat(pool.config().maxConnections()).isEqualTo(MAX); // DB_MAX_CONNECTIONS over the preset's 18
        assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("content-service");
    }

    @Test
    void aStalledDatabaseIsShedWith503AndServiceComesBackWhenItClears() throws Exception {
        assertThat(client.send(client.publish("hello", "world")).statusCode()).isEqualTo(201);
        assertThat(client.send(client.get("/articles")).statusCode()).isEqualTo(200);
        double shedBefore = client.exhaustedTotal();

        List<CompletableFuture<Timed>> stuck = new ArrayList<>();
        try (Connection lock = DB.adminConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE articles IN ACCESS EXCLUSIVE MODE");
            }
            // MAX requests take every connection and stall on the lock (one at a time: one that found
            // no connection within codel's 100 ms, say while HikariCP was still opening it, is shed
            // and sent again).
            while (stuck.size() < MAX) {
                CompletableFuture<Timed> request = client.timed(client.get("/articles"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pool.activeConnections() <= stuck.size() && !request.isDone() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (!request.isDone()) {
                    stuck.add(request);
                } else {
                    assertThat(request.get().status()).isEqualTo(503);
                }
            }
            awaitActive(MAX);

            // The rest are shed: 503 + Retry-After + a problem, in milliseconds, not the 10 s acquire timeout.
            List<CompletableFuture<Timed>> burst = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                burst.add(client.timed(client.get(i % 2 == 0 ? "/articles" : "/articles/1")));
            }
            long shed = 0;
            List<Long> shedMillis = new ArrayList<>();
            for (CompletableFuture<Timed> f : burst) {
                Timed t = f.get(30, TimeUnit.SECONDS);
                shedMillis.add(t.took().toMillis());
                assertThat(t.status()).as(t.response().body()).isEqualTo(503);
                assertThat(t.took()).isLessThan(WELL_UNDER_THE_ACQUIRE_TIMEOUT);
                assertThat(t.response().headers().firstValue("Retry-After")).hasValue("1");
                assertThat(t.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/problem+json"));
                assertThat(t.response().body()).contains("\"status\":503", "\"title\":\"Service Unavailable\"",
                        "\"retryAfterSeconds\":1");
                shed++;
            }
            System.out.println("shed " + shed + " requests with 503, each took (ms): " + shedMillis.stream().sorted().toList()
                    + "; a body: " + burst.get(0).get().response().body());

            // The @Transactional path is shed the same way (CannotCreateTransactionException around the shed).
            Timed publish = client.timed(client.publish("t", "b")).get(30, TimeUnit.SECONDS);
            assertThat(publish.status()).isEqualTo(503);
            assertThat(publish.took()).isLessThan(WELL_UNDER_THE_ACQUIRE_TIMEOUT);
            assertThat(publish.response().headers().firstValue("Retry-After")).hasValue("1");
            shed++;

            // Health answers at once, from the pool's counters, and reports the pool as it stands.
            Timed health = client.timed(client.get("/actuator/health")).get(30, TimeUnit.SECONDS);
            assertThat(health.took()).isLessThan(WELL_UNDER_THE_ACQUIRE_TIMEOUT);
            assertThat(health.status()).isEqualTo(200);
            System.out.println("publish shed in " + publish.took().toMillis() + " ms; health in " + health.took().toMillis()
                    + " ms: " + health.response().body());
            DocumentContext components = JsonPath.parse(health.response().body());
            assertThat(components.read("$.components.dbpool.status", String.class)).isEqualTo("UP");
            assertThat(components.read("$.components.dbpool.details.active", Integer.class)).isEqualTo(MAX);
            assertThat(components.read("$.components.dbpool.details.max", Integer.class)).isEqualTo(MAX);
            // Boot's borrowing db component is off by default.
            assertThat(components.read("$.components", Map.class)).doesNotContainKey("db");

            // The shed requests are on /actuator/prometheus.
            Timed scrape = client.timed(client.get("/actuator/prometheus")).get(30, TimeUnit.SECONDS);
            String body = scrape.response().body();
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(ServiceClient.exhaustedTotal(body) - shedBefore).isGreaterThanOrEqualTo(shed);
            assertThat(body).contains(
                    "db_pool_connections{pool=\"content-service\",service=\"content-service\",state=\"active\"} " + MAX,
                    // The striped histogram, through the Prometheus client of Boot's BOM: a histogram with its buckets.
                    "# TYPE db_pool_acquire_duration_seconds histogram",
                    "db_pool_acquire_duration_seconds_bucket{pool=\"content-service\",service=\"content-service\",le=\"0.001\"}",
                    "db_pool_acquire_duration_seconds_max{pool=\"content-service\",service=\"content-service\"}");
            assertThat(ServiceClient.acquisitions(body)).as("acquisitions counted").isGreaterThanOrEqualTo(MAX);

            for (CompletableFuture<Timed> f : stuck) {
                assertThat(f).isNotDone(); // still waiting on the lock, holding their connections
            }
            lock.rollback(); // the stall ends
        }

        for (CompletableFuture<Timed> f : stuck) {
            assertThat(f.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
        // Service is back at once: the next requests get connections.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = client.send(client.get("/articles")).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(client.send(client.get("/articles/1")).statusCode()).isIn(200, 404);
        }
        awaitActive(0);
    }

    private static void awaitActive(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pool.activeConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.activeConnections()).isEqualTo(expected);
    }
}
