package dev.dbpool.examples.boot;

import com.jayway.jsonpath.JsonPath;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The content service as its clients and its Prometheus see it: HTTP on a real port. */
final class ServiceClient {

    /** A response and how long it took, from the moment it was sent. */
    record Timed(HttpResponse<String> response, Duration took) {
        int status() {
            return response.statusCode();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;

    ServiceClient(int port) {
        this.port = port;
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .GET().build();
    }

    HttpRequest publish(String title, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/articles"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\",\"body\":\"" + body + "\"}")).build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<Timed> timed(HttpRequest request) {
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Timed(r, Duration.ofNanos(System.nanoTime() - start)));
    }

    /** {@code db_pool_exhausted_total} of the content service, scraped now. */
    double exhaustedTotal() throws Exception {
        return exhaustedTotal(send(get("/actuator/prometheus")).body());
    }

    static double exhaustedTotal(String scrape) {
        return sample(scrape, "db_pool_exhausted_total");
    }

    static double acquisitions(String scrape) {
        return sample(scrape, "db_pool_acquire_duration_seconds_count");
    }

    private static double sample(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*service=\"content-service\"[^}]*} (\\S+)$").matcher(scrape);
        assertThat(m.find()).as(name + " in\n" + scrape).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The {@code active} detail of the {@code dbpool} health component. */
    int activeConnections() throws Exception {
        return JsonPath.parse(send(get("/actuator/health")).body()).read("$.components.dbpool.details.active", Integer.class);
    }
}
