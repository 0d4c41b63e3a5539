package dev.dbpool.loadgen;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsEndpointTest {

    @Test
    void servesTheRuntimeMetricsOnLoopback() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        DbConfig config = DbConfig.forService("auth-service").withDatabaseUrl(TestDatabase.get().databaseUrl());
        try (DbPool pool = DbPool.create(config, registry);
             MetricsEndpoint endpoint = MetricsEndpoint.start(registry, 0)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint.url())).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(endpoint.url()).startsWith("http://127.0.0.1:").endsWith("/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            for (String name : MetricNames.ALL) {
                assertThat(response.body()).contains(name);
            }
            assertThat(response.body()).contains("service=\"auth-service\"");
        }
    }
}
