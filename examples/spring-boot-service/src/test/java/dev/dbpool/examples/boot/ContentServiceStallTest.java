package dev.dbpool.examples.boot;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service started on a random port against the tests' real PostgreSQL, its database stalled by
 * a held table lock (as {@code dbpool soak}'s slowdown does): requests are shed with 503 and
 * Retry-After well under a second instead of waiting the 10 s acquire timeout, the shed requests show
 * on /actuator/prometheus, /actuator/health answers at once, and service is back when the lock goes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // a @SpringBootTest turns metrics export off unless asked
class ContentServiceStallTest {

    private static final int MAX = 4;
    private static final TestDatabase DB = TestDatabase.get();
    /** Far below the 10 s acquire timeout, far above codel's 100 ms: no tight timing. */
    private static final Duration WELL_UNDER_THE_ACQUIRE_TIMEOUT = Duration.ofSeconds(2);

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        // spring.datasource.* as a service sets them; DB_* as the environment of its deployment would.
        registry.add("spring.datasource.url", () -> DB.parsed().jdbcUrl());
        registry.add("spring.datasource.username", () -> DB.parsed().user() == null ? "" : DB.parsed().user());
        registry.add("spring.datasource.password", () -> DB.parsed().password() == null ? "" : DB.parsed().password());
        registry.add("DB_MAX_CONNECTIONS", () -> Integer.toString(MAX));
        // Opened to its max, as the soak does: a connection being created takes part of the 100 ms
        // that codel lets a request wait, and the test wants every connection stuck on the lock.
        registry.add("DB_MIN_CONNECTIONS", () -> Integer.toString(MAX));
    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Autowired
    DbPool pool;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).GET().build();
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A response and how long it took. */
    private record Timed(HttpResponse<String> response, Duration took) {
    }

    private CompletableFuture<Timed> timed(HttpRequest request) {
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Timed(r, Duration.ofNanos(System.nanoTime() - start)));
    }

    @Test
    void theDataSourceIsTheDbpoolPoolOnBootsManagedVersions() throws Exception {
        assertThat(dataSource).isSameAs(pool.dataSource());
        assertThat(pool.serviceName()).isEqualTo("content-service");
        assertThat(pool.config().maxConnections()).isEqualTo(MAX); // DB_MAX_CONNECTIONS over the preset's 18
        assertThat(dataSource.unwrap(HikariDataSource.class).getPoolName()).isEqualTo("content-service");
        // Boot's BOM decides: the runtime runs here on HikariCP 6.3 and Micrometer 1.15.
        assertThat(jarOf(HikariDataSource.class)).contains("HikariCP-6.3.");
        assertThat(jarOf(MeterRegistry.class)).contains("micrometer-core-1.15.");
    }

    private static String jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation().toString();
    }

    @Test
    void aStalledDatabaseIsShedWith503AndServiceComesBackWhenItClears() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"hello\",\"body\":\"world\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(send(get("/articles")).statusCode()).isEqualTo(200);
        double shedBefore = exhaustedTotal();

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
                CompletableFuture<Timed> request = timed(get("/articles"));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (pool.activeConnections() <= stuck.size() && !request.isDone() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                if (!request.isDone()) {
                    stuck.add(request);
                } else {
                    assertThat(request.get().response().statusCode()).isEqualTo(503);
                }
            }
            awaitActive(MAX);

            // The rest are shed: 503 + Retry-After + a problem, in milliseconds, not the 10 s acquire timeout.
            List<CompletableFuture<Timed>> burst = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                burst.add(timed(get(i % 2 == 0 ? "/articles" : "/articles/1")));
            }
            long shed = 0;
            List<Long> shedMillis = new ArrayList<>();
            for (CompletableFuture<Timed> f : burst) {
                Timed t = f.get(30, TimeUnit.SECONDS);
                shedMillis.add(t.took().toMillis());
                assertThat(t.response().statusCode()).as(t.response().body()).isEqualTo(503);
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
            Timed publish = timed(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"t\",\"body\":\"b\"}")).build())
                    .get(30, TimeUnit.SECONDS);
            assertThat(publish.response().statusCode()).isEqualTo(503);
            assertThat(publish.took()).isLessThan(WELL_UNDER_THE_ACQUIRE_TIMEOUT);
            assertThat(publish.response().headers().firstValue("Retry-After")).hasValue("1");
            shed++;

            // Health answers at once, from the pool's counters, and reports the pool as it stands.
            Timed health = timed(get("/actuator/health")).get(30, TimeUnit.SECONDS);
            assertThat(health.took()).isLessThan(WELL_UNDER_THE_ACQUIRE_TIMEOUT);
            assertThat(health.response().statusCode()).isEqualTo(200);
            System.out.println("publish shed in " + publish.took().toMillis() + " ms; health in " + health.took().toMillis()
                    + " ms: " + health.response().body());
            assertThat(health.response().body())
                    .contains("\"dbpool\":{\"status\":\"UP\"", "\"active\":" + MAX, "\"max\":" + MAX)
                    .doesNotContain("\"db\":{"); // Boot's borrowing db component is off by default

            // The shed requests are on /actuator/prometheus.
            Timed scrape = timed(get("/actuator/prometheus")).get(30, TimeUnit.SECONDS);
            assertThat(scrape.response().statusCode()).isEqualTo(200);
            assertThat(exhaustedTotal(scrape.response().body()) - shedBefore).isGreaterThanOrEqualTo(shed);
            assertThat(scrape.response().body()).contains(
                    "db_pool_connections{pool=\"content-service\",service=\"content-service\",state=\"active\"} " + MAX,
                    // The striped histogram, through the Prometheus client of Boot's BOM: a histogram with its buckets.
                    "# TYPE db_pool_acquire_duration_seconds histogram",
                    "db_pool_acquire_duration_seconds_bucket{pool=\"content-service\",service=\"content-service\",le=\"0.001\"}",
                    "db_pool_acquire_duration_seconds_max{pool=\"content-service\",service=\"content-service\"}");
            assertThat(acquisitions(scrape.response().body())).as("acquisitions counted").isGreaterThanOrEqualTo(MAX);

            for (CompletableFuture<Timed> f : stuck) {
                assertThat(f).isNotDone(); // still waiting on the lock, holding their connections
            }
            lock.rollback(); // the stall ends
        }

        for (CompletableFuture<Timed> f : stuck) {
            assertThat(f.get(30, TimeUnit.SECONDS).response().statusCode()).isEqualTo(200);
        }
        // Service is back at once: the next requests get connections.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int status;
        do {
            status = send(get("/articles")).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(send(get("/articles/1")).statusCode()).isIn(200, 404);
        }
        awaitActive(0);
    }

    private void awaitActive(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pool.activeConnections() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(pool.activeConnections()).isEqualTo(expected);
    }

    private double exhaustedTotal() throws Exception {
        return exhaustedTotal(send(get("/actuator/prometheus")).body());
    }

    private static final Pattern EXHAUSTED =
            Pattern.compile("(?m)^db_pool_exhausted_total\\{[^}]*service=\"content-service\"[^}]*} (\\S+)$");

    private static double exhaustedTotal(String scrape) {
        Matcher m = EXHAUSTED.matcher(scrape);
        assertThat(m.find()).as("db_pool_exhausted_total in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static double acquisitions(String scrape) {
        Matcher m = Pattern.compile(
                "(?m)^db_pool_acquire_duration_seconds_count\\{[^}]*service=\"content-service\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as("db_pool_acquire_duration_seconds_count in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
