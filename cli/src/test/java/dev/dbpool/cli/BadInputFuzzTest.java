package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A few hundred generated inputs, seeded so that a failure reproduces, through {@code plan}'s and
 * {@code soak}'s validation: random services files and manifests (shapes, numbers at the edges, anchors,
 * merge keys, control characters, {@code $(VAR)}), address forms, soak flags. Every run must end with
 * exit 0, 1, 2 or 3, without a stack trace or an exception's class name, without the password its
 * input carries, and within 2 s: a bound that catches a hang (a run over it is tried once more before it
 * counts, since a busy machine can stretch one run; a run still going after 20 s fails at once).
 */
class BadInputFuzzTest {

    private static final long SEED = 23;
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final String UNREACHABLE_HOST = "127.0.0.1:1";

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> exits = new java.util.TreeMap<>();
    private int count;
    private long slowestNanos;
    private final Map<String, Long> millisByKind = new java.util.TreeMap<>();

    @Test
    void everyGeneratedInputIsAnsweredCleanly() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-run");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < 100; i++) {
                String secret = secret();
                Path file = write("services-" + i + ".yaml", servicesFile(secret));
                check(runner, secret, "plan", file.toString(), pick("--fit", "--worst-case", "--format=json", "--threshold=0.5"));
            }
            for (int i = 0; i < 80; i++) {
                String secret = secret();
                Path file = write("manifest-" + i + ".yaml", manifest(secret));
                check(runner, secret, "plan", file.toString(), "--max-connections", pick("100", "400", "400", "400", "400", "1",
                        "262143", "262144", "0", "many"), "--nodes", pick("3", "40", "40", "40", "5000", "5001"),
                        pick("--worst-case", "--fit", "--format=markdown"));
            }
            for (int i = 0; i < 60; i++) {
                String secret = secret();
                check(runner, secret, "plan", "--presets", "--database-url", url(secret), "--connect-timeout", "1");
            }
            for (int i = 0; i < 40; i++) {
                String secret = secret();
                check(runner, secret, soakArgs(secret));
            }
            for (int i = 0; i < 20; i++) {
                String secret = secret();
                Path file = write("fleet-" + i + ".yaml", random.nextBoolean() ? servicesFile(secret) : manifest(secret));
                check(runner, secret, "soak", "--fleet", file.toString(), "--database-url",
                        "postgres://app:" + secret + "@" + UNREACHABLE_HOST + "/app", "--load", pick("1", "1", "1", "0.5", "0",
                                "NaN", "1e308"), "--max-connections", pick("400", "400", "400", "0", "262144"));
            }
        } finally {
            runner.shutdownNow();
        }
        System.out.printf("fuzz: %d inputs, exit codes %s, slowest run %d ms, per kind %s%n", count, exits,
                slowestNanos / 1_000_000, millisByKind);
        assertThat(count).isEqualTo(300);
        // The inputs reach every verdict, not only the first check that refuses them.
        assertThat(exits).as("exit codes seen: " + exits).containsKeys(ExitCodes.OK, ExitCodes.VIOLATION,
                ExitCodes.USAGE, ExitCodes.UNREACHABLE);
    }

    private void check(ExecutorService runner, String secret, String... args) throws Exception {
        count++;
        CliTesting.Logged run = timed(runner, args);
        if (run == null) {
            run = timed(runner, args); // once more: a busy machine, not this input, may have stretched it
            if (run == null) {
                fail("over 2 s twice: dbpool " + String.join(" ", args));
            }
        }
        exits.merge(run.result().exitCode(), 1, Integer::sum);
        String everything = run.everything();
        String input = "dbpool " + String.join(" ", args) + "\n" + everything;
        assertThat(run.result().exitCode()).as(input).isIn(ExitCodes.OK, ExitCodes.VIOLATION, ExitCodes.USAGE,
                ExitCodes.UNREACHABLE);
        assertThat(everything).as(input).doesNotContain(secret).doesNotContain("\tat ").doesNotContain("Exception")
                .doesNotContain("java.");
    }

    /** The run, or null when it took longer than the bound; a run that never ends fails the test. */
    private CliTesting.Logged timed(ExecutorService runner, String... args) throws Exception {
        long start = System.nanoTime();
        Future<CliTesting.Logged> run = runner.submit(() -> CliTesting.runLogged(Map.of(), args));
        try {
            CliTesting.Logged result = run.get(20, TimeUnit.SECONDS);
            long took = System.nanoTime() - start;
            slowestNanos = Math.max(slowestNanos, took);
            millisByKind.merge(args[0] + (args[1].equals("--presets") ? " --database-url" : args[1].equals("--fleet")
                    ? " --fleet" : ""), took / 1_000_000, Long::sum);
            return took <= BOUND_NANOS ? result : null;
        } catch (TimeoutException e) {
            run.cancel(true);
            throw new AssertionError("did not finish in 20 s (a hang): dbpool " + String.join(" ", args));
        }
    }

    // --- generators -------------------------------------------------------------------------------

    private String secret() {
        return "Fz" + count + "x" + Integer.toString(random.nextInt(1 << 20), 36) + "Q";
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Mostly a plausible count, sometimes a number at an edge, a wrong type or nothing. */
    private String number() {
        if (random.nextInt(100) < 88) {
            return String.valueOf(1 + random.nextInt(12));
        }
        return pick("0", "-1", "262143", "262144", "150000", "150001", "2147483647", "2147483648",
                "-2147483649", "9223372036854775808", "1e11", "1e12", "1e15", "1e16", "1e308", "1e400", ".nan", ".inf",
                "-.inf", "0x1f", "1_000", "0.5", "0.0001", "\"12\"", "twelve", "", "~", "true", "[1, 2]", "{a: 1}",
                "12abc", "\u0661\u0662");
    }

    /** Mostly a plausible traffic figure, sometimes one at an edge. */
    private String figure() {
        return random.nextInt(10) < 8 ? pick("50", "400", "2.5", "1500", "8", "0.3") : number();
    }

    private String name() {
        if (random.nextInt(100) < 92) {
            return pick("auth-service", "user-service", "billing", "cdn-service", "svc-" + count, "orders", "feed-service");
        }
        return pick("\"a\\nb\"", "\"nul\\0x\"", "x", "\"\"", "\"tab\\tname\"", "auth-servce",
                "\"\u00fcn\u00efc\u00f8d\u00e9\"", "'quoted name'");
    }

    /** Mostly a well-formed address of a server that is not there, sometimes one broken in a way users break them. */
    private String url(String secret) {
        if (random.nextInt(10) < 4) {
            return pick("postgres://", "postgresql://") + "app:" + secret + "@" + pick(UNREACHABLE_HOST, "[::1]:1") + "/app";
        }
        String scheme = pick("postgres://", "postgresql://", "jdbc:postgresql://", "postgres:/", "postgres//", "",
                "mysql://", "jdbc:postgres://", "POSTGRES://");
        String password = pick(secret, secret + "@x", "a/" + secret, secret + ":b", "x " + secret, secret + "%40",
                secret + "%zz", secret + "?q", secret + "#h");
        String host = pick(UNREACHABLE_HOST, "[::1]:1", "127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1:x", "",
                "127.0.0.1:1,127.0.0.1:2", "[::1", "bad host:1");
        String query = pick("", "?sslmode=disable", "?sslmode=bogus", "?password=" + secret, "?user=u&password=" + secret,
                "?application_name=a@b");
        return random.nextInt(5) == 0 ? "jdbc:postgresql://" + host + "/app?user=app&password=" + secret
                : scheme + "app:" + password + "@" + host + "/app" + query;
    }

    private String servicesFile(String secret) {
        StringBuilder y = new StringBuilder();
        boolean anchor = random.nextInt(4) == 0;
        if (anchor) {
            y.append("x-common: &common {max_connections: ").append(number()).append(", min_connections: ")
                    .append(pick("1", "2", number())).append("}\n");
        }
        String merge = anchor ? "<<: *common" : "<<: *missing";
        switch (random.nextInt(10)) {
            case 0 -> y.append("databases:\n  main: {max_connections: ").append(number()).append("}\n  other: ")
                    .append(pick("{}", "~", "[]", "{max_connections: 50, pgbouncer: {max_client_conn: " + number() + "}}"))
                    .append("\n");
            case 1 -> y.append(pick("databse", "database", "Database")).append(": ").append(pick("~", "[]", "12", "{}"))
                    .append("\n");
            case 2 -> { } // no database at all
            default -> y.append("database: {max_connections: ").append(random.nextInt(10) < 8 ? pick("100", "200", "400")
                    : number()).append(", reserved_connections: ").append(pick("10", "20", "20", number())).append("}\n");
        }
        if (random.nextInt(12) == 0) {
            return y.append(pick("services: []", "services:", "services: 12", "- a\n- b", "{{{", "services: {a: *nope}",
                    "\tservices: {}", "services: {a: &x [*x]}")).append('\n').toString();
        }
        y.append("services:\n");
        int services = 1 + random.nextInt(4);
        for (int s = 0; s < services; s++) {
            y.append("  ").append(name()).append(":");
            if (random.nextInt(5) == 0) {
                y.append(pick(" ~", " 12", " [a]", " {" + merge + "}", " {" + merge + ", replicas: " + number() + "}"))
                        .append('\n');
                continue;
            }
            y.append('\n');
            y.append("    max_connections: ").append(random.nextInt(10) < 8 ? String.valueOf(8 + random.nextInt(12)) : number())
                    .append('\n');
            if (random.nextBoolean()) {
                y.append("    peak_qps: ").append(figure()).append("\n    hold_ms: ").append(figure()).append('\n');
            }
            String[] keys = {"replicas", "max_replicas", "min_connections", "backpressure_threshold", "user"};
            int fields = random.nextInt(3);
            for (int f = 0; f < fields; f++) {
                String key = random.nextInt(20) == 0 ? pick("replcas", "DATABASE_URL", "database", "peak_qps")
                        : keys[random.nextInt(keys.length)];
                String value = key.equals("DATABASE_URL") || key.equals("user") ? "\"" + url(secret).replace("\"", "") + "\""
                        : key.equals("database") ? pick("main", "other", "nope")
                        : key.equals("peak_qps") ? figure()
                        : key.equals("min_connections") ? pick("1", "2", "0", number())
                        : key.equals("max_replicas") ? pick("20", "40", number())
                        : key.equals("backpressure_threshold") ? pick("0.85", "0.5", "1", "1.5", "0") : number();
                y.append("    ").append(key).append(": ").append(value).append('\n');
            }
        }
        return y.toString();
    }

    private String manifest(String secret) {
        StringBuilder y = new StringBuilder();
        int documents = 1 + random.nextInt(3);
        for (int d = 0; d < documents; d++) {
            if (d > 0) {
                y.append("---\n");
            }
            String kind = pick("Deployment", "StatefulSet", "Rollout", "Pod", "ReplicaSet", "Job", "CronJob", "DaemonSet",
                    "Widget", "List", "Deployment", "Deployment", "Deployment", "StatefulSet");
            if (random.nextInt(6) == 0) {
                y.append(secretOrConfig(secret));
                continue;
            }
            if (random.nextInt(8) == 0) {
                y.append("apiVersion: autoscaling/v2\nkind: ").append(pick("HorizontalPodAutoscaler", "ScaledObject"))
                        .append("\nmetadata: {name: hpa}\nspec:\n  scaleTargetRef: {kind: Deployment, name: ")
                        .append(name()).append("}\n  minReplicas: ").append(number()).append("\n  maxReplicas: ")
                        .append(number()).append("\n  maxReplicaCount: ").append(number()).append('\n');
                continue;
            }
            y.append("apiVersion: ").append(pick("apps/v1", "v1", "argoproj.io/v1alpha1", "batch/v1")).append("\nkind: ")
                    .append(kind).append("\nmetadata: {name: ").append(name()).append("}\nspec:\n  replicas: ")
                    .append(number()).append("\n  parallelism: ").append(number()).append("\n  concurrencyPolicy: ")
                    .append(pick("Allow", "Forbid", "Allow", "Sometimes")).append("\n  strategy: {rollingUpdate: {maxSurge: ")
                    .append(random.nextInt(10) < 7 ? pick("25%", "1", "100%") : pick("2147483647", "2147483647%", "-1", "x%",
                            number())).append("}}\n");
            String podSpec = "    spec:\n      containers:\n        - name: " + name().replace("\"", "") + "\n          env:\n"
                    + env(secret) + (random.nextBoolean() ? "        - name: second\n          env:\n" + env(secret) : "");
            if (kind.equals("Pod")) {
                y.append(podSpec.replace("    spec:\n", "").replaceAll("(?m)^    ", "  "));
            } else if (kind.equals("CronJob")) {
                y.append("  jobTemplate:\n    spec:\n      template:\n").append(podSpec.replaceAll("(?m)^", "    "));
            } else {
                y.append("  template:\n").append(podSpec);
            }
        }
        return y.toString();
    }

    private String env(String secret) {
        StringBuilder e = new StringBuilder();
        String[] names = {"DATABASE_URL", "DB_MAX_CONNECTIONS", "DB_MIN_CONNECTIONS", "DB_POOL_BACKPRESSURE_POLICY",
                "DB_POOL_BACKPRESSURE_THRESHOLD", "DB_POOL_CODEL_TARGET_MS", "DB_ACQUIRE_TIMEOUT_SECS", "POOL", "DB_POOL_TYPO"};
        int count = 1 + random.nextInt(4);
        for (int i = 0; i < count; i++) {
            String var = names[random.nextInt(names.length)];
            String value = var.equals("DATABASE_URL") ? url(secret)
                    : var.equals("DB_POOL_BACKPRESSURE_POLICY") ? pick("codel", "threshold", "fifo")
                    : var.equals("DB_POOL_BACKPRESSURE_THRESHOLD") ? pick("0.85", "0.5", "2", "most")
                    : random.nextInt(10) < 6 ? String.valueOf(1 + random.nextInt(10))
                    : pick(number(), "$(POOL)", "$$(POOL)", "$(POOL", "5ms", "$(DATABASE_URL)");
            e.append("            - name: ").append(var).append("\n              value: \"")
                    .append(value.replace("\\", "").replace("\"", "")).append("\"\n");
        }
        if (random.nextInt(4) == 0) {
            e.append("            - name: DATABASE_URL\n              valueFrom: {secretKeyRef: {name: db, key: url}}\n");
        }
        return e.toString();
    }

    private String secretOrConfig(String secret) {
        if (random.nextBoolean()) {
            return "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\ndata:\n  url: "
                    + pick("cG9zdGdyZXM6Ly9hcHBAZGIvYXBw", "not base64 " + secret, "//8=", "") + "\nstringData:\n  other: \""
                    + url(secret).replace("\"", "") + "\"\n";
        }
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: pools}\ndata:\n  DB_MAX_CONNECTIONS: \""
                + number().replace("\"", "") + "\"\n";
    }

    private String[] soakArgs(String secret) {
        List<String> args = new ArrayList<>(List.of("soak", "--service", random.nextInt(10) < 8 ? "auth-service"
                : name().replace("\"", "")));
        // The first value of each is valid, and taken more often than the others.
        String[][] options = {
                {"--duration", "1s", "0s", "-1s", "abc", "999999999999h", "1e9s", "5m"},
                {"--rate", "1500", "0", "-1", "NaN", "1e308", "Infinity"},
                {"--threshold", "0.85", "0", "1", "1.5", "-0.1", "NaN"},
                {"--mode", "wait,codel", "wait", "sometimes", "", "both", "wait,wait"},
                {"--fault", "kill@3s+1s", "none", "kill@1s+1s", "latency@3s+1s", "spike:0@3s+1s", "reset@3s+2s", "x@y+z",
                        "slowdown@3s+999999999999s"},
                {"--retries", "3", "-1", "0", "2147483647"},
                {"--retry-budget", "0.1", "none", "1.5", "-1"},
                {"--arrival", "poisson", "sometimes"},
                {"--deadline", "1s", "0s", "never"},
                {"--threads", "200", "0", "-1"},
                {"--metrics-port", "0", "-1", "65536", "99999"},
                {"--warmup", "0s", "-1s", "3s"},
        };
        for (String[] option : options) {
            if (random.nextInt(3) == 0) {
                args.add(option[0]);
                args.add(random.nextInt(10) < 6 ? option[1] : option[1 + random.nextInt(option.length - 1)]);
            }
        }
        args.add("--database-url");
        args.add(url(secret));
        return args.toArray(String[]::new);
    }

    private Path write(String fileName, String text) throws IOException {
        return Files.writeString(dir.resolve(fileName), text);
    }
}
