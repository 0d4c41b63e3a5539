package dev.dbpool.runtime.examples;

import com.sun.net.httpserver.HttpServer;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the example of docs/runtime.md, "Answering a shed", against the real database. */
class BackpressureIntegrationExampleTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient client = HttpClient.newHttpClient();
    private DbPool pool;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        TestDatabase db = TestDatabase.get();
        db.execute("CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, name text NOT NULL)");
        db.execute("INSERT INTO users VALUES (42, 'ada') ON CONFLICT (id) DO NOTHING");
        pool = DbPool.create(DbConfig.forService("auth-service").withDatabaseUrl(db.databaseUrl()), registry);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/users", new UserEndpoint(pool));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.close();
    }

    @Test
    void answersFromTheDatabaseWhenThePoolHasRoom() throws Exception {
        HttpResponse<String> response = get("/users?id=42");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ada");
    }

    @Test
    void answers503WithRetryAfterWhenThePoolIsExhausted() throws Exception {
        List<Connection> busy = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            busy.add(pool.acquireWithMetrics());
        }
        try {
            HttpResponse<String> response = get("/users?id=42");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            assertThat(registry.scrape()).contains("db_pool_exhausted_total{pool=\"auth-service\",service=\"auth-service\"} 1.0");
        } finally {
            for (Connection c : busy) {
                c.close();
            }
        }
        assertThat(get("/users?id=42").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
