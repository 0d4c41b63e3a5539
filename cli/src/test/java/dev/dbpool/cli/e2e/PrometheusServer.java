package dev.dbpool.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server, run from the {@code prometheus} binary on the PATH: loopback only, its
 * own data directory, 1 s scrape and evaluation intervals, one scrape job and one rules file. Talks
 * to it through its HTTP API ({@code /api/v1/...}).
 *
 * <p>Tests that need it are skipped with a message when the binary is missing, unless
 * {@code DBPOOL_REQUIRE_PROMETHEUS=1} (which {@code .ci/run} sets after installing the Debian
 * package {@code prometheus}) turns the skip into a failure.
 */
final class PrometheusServer implements AutoCloseable {

    static final String REQUIRE_ENV = "DBPOOL_REQUIRE_PROMETHEUS";
    static final String JOB = "dbpool-soak";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    /** The {@code prometheus} binary on the PATH; skips the test (or fails it under {@value #REQUIRE_ENV}=1) when there is none. */
    static Path requireBinary() {
        Optional<Path> binary = onPath("prometheus");
        if (binary.isEmpty() && "1".equals(System.getenv(REQUIRE_ENV))) {
            throw new AssertionError(REQUIRE_ENV + "=1 but no prometheus binary is on the PATH "
                    + "(apt-get install -y prometheus)");
        }
        String skipped = "no prometheus binary on the PATH: the end-to-end alert test is SKIPPED "
                + "(apt-get install -y prometheus; .ci/run does)";
        if (binary.isEmpty()) {
            System.err.println("dbpool e2e: " + skipped);
        }
        Assumptions.assumeTrue(binary.isPresent(), skipped);
        return binary.get();
    }

    /**
     * Writes {@code prometheus.yml} into {@code dir} (scraping {@code target}, loading {@code rules})
     * and starts the server on a free loopback port with its data under {@code dir/data}.
     */
    static PrometheusServer start(Path binary, Path dir, String target, Path rules) throws IOException {
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(target, rules), StandardCharsets.UTF_8);
        int port = freeLoopbackPort();
        Path log = dir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A {@code prometheus.yml} as docs/emit.md, "See the alerts fire", shows it. */
    static String config(String target, Path rules) {
        return "global:\n"
                + "  scrape_interval: 1s\n"
                + "  evaluation_interval: 1s\n"
                + "rule_files:\n"
                + "  - " + rules.toAbsolutePath() + "\n"
                + "scrape_configs:\n"
                + "  - job_name: " + JOB + "\n"
                + "    static_configs:\n"
                + "      - targets: [\"" + target + "\"]\n";
    }

    URI base() {
        return base;
    }

    /** {@code /api/v1/alerts}: every active (pending or firing) alert. */
    List<ActiveAlert> alerts() {
        JsonNode alerts = api("/api/v1/alerts").path("alerts");
        return java.util.stream.StreamSupport.stream(alerts.spliterator(), false).map(ActiveAlert::of).toList();
    }

    /** {@code /api/v1/query} at {@code time}: the result vector (or matrix, or scalar) as returned. */
    JsonNode query(String expr, Instant time) {
        return api("/api/v1/query?query=" + encode(expr) + "&time=" + seconds(time)).path("result");
    }

    /** {@code /api/v1/label/NAME/values}, restricted to the series {@code match} selects. */
    List<String> labelValues(String label, String match) {
        JsonNode values = api("/api/v1/label/" + label + "/values?match[]=" + encode(match));
        return java.util.stream.StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** {@code /api/v1/rules}: the rule groups as loaded, with each rule's health. */
    JsonNode ruleGroups() {
        return api("/api/v1/rules").path("groups");
    }

    /** The last lines Prometheus logged, for a failure message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    boolean isRunning() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Stops the server (SIGTERM, then SIGKILL after {@code STOP_TIMEOUT}) and anything it started. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for prometheus", e);
            }
            pause(Duration.ofMillis(200));
        }
        throw new AssertionError("prometheus not ready within " + READY_TIMEOUT.toSeconds() + "s at " + base
                + ":\n" + logTail());
    }

    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("prometheus " + pathAndQuery + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus " + pathAndQuery + ": " + e.getMessage()
                    + "\n" + logTail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while querying prometheus", e);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant time) {
        return String.format(Locale.ROOT, "%.3f", time.toEpochMilli() / 1000.0);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** One entry of {@code /api/v1/alerts}. */
    record ActiveAlert(String name, String state, JsonNode labels, JsonNode annotations, Instant activeAt) {

        static ActiveAlert of(JsonNode alert) {
            JsonNode labels = alert.path("labels");
            return new ActiveAlert(labels.path("alertname").asText(), alert.path("state").asText(), labels,
                    alert.path("annotations"), Instant.parse(alert.path("activeAt").asText()));
        }

        String label(String name) {
            return labels.path(name).asText(null);
        }

        boolean firing() {
            return "firing".equals(state);
        }

        @Override
        public String toString() {
            return name + "{" + labels + "} " + state + " since " + activeAt;
        }
    }
}
