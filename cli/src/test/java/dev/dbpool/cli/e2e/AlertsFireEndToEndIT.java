package dev.dbpool.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dbpool.cli.DbpoolCli;
import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.cli.e2e.PrometheusServer.ActiveAlert;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proof the rule unit tests cannot give: the alerts {@code dbpool emit} writes fire on the series the
 * runtime really exports, during a real exhaustion, and clear after it.
 *
 * <p>A {@code dbpool soak} (in-process, through {@link DbpoolCli#run}) drives auth-service's preset pool in
 * threshold (backpressure) mode against the tests' PostgreSQL ({@link TestDatabase}) and serves its metrics with
 * {@code --metrics-port}; a {@code slowdown} fault holds an {@code ACCESS EXCLUSIVE} lock on the workload's
 * table, so the pool fills with stalled requests and backpressure rejects the rest. A real Prometheus
 * (loopback, temporary data directory, 1 s scrape and evaluation) scrapes it with the rules of
 * {@code dbpool emit --for-override 5s} (every {@code for} shortened, no expression changed). The test
 * watches the lock in {@code pg_locks} to know when the fault really began and ended, and asserts through
 * Prometheus's HTTP API that:
 * <ul>
 *   <li>{@code PoolExhaustion} (more than 1 % of requests shed) and {@code HighPoolUtilization} fire for the
 *       service while the fault is on, {@code HighPoolUtilization} having become active after the fault began,
 *       and {@code db_pool_admission_overloaded} was 1 at some scrape during the fault;</li>
 *   <li>{@code HighPoolUtilization} is inactive again within {@link #CLEARS_WITHIN} of the fault's end,
 *       while the pool still exports its utilization (so it cleared because utilization fell, not because
 *       the series went away). Alerts over a 5m rate window ({@code PoolExhaustion}) rightly stay: the test
 *       does not wait for them;</li>
 *   <li>every metric of {@link MetricNames#ALL} (each state, error type and histogram series) was scraped
 *       for the service, so deleting or renaming an exported metric fails this test;</li>
 *   <li>every query of the generated dashboard returns at least one series, so no panel is empty for a
 *       real service;</li>
 *   <li>every generated rule loaded and evaluates without error.</li>
 * </ul>
 * Run by maven-failsafe in {@code mvn verify}; skipped with a message when there is no {@code prometheus}
 * binary, unless {@code DBPOOL_REQUIRE_PROMETHEUS=1} (set by {@code .ci/run}).
 */
class AlertsFireEndToEndIT {

    private static final String SERVICE = "auth-service";
    private static final String FOR_OVERRIDE = "5s";
    /** 10 s of normal load, a 20 s lock, then 20 s of normal load again in which the alert must clear. */
    private static final String FAULT = "slowdown@10s+20s";
    private static final String DURATION = "50s";
    private static final Duration FAULT_LENGTH = Duration.ofSeconds(20);

    /**
     * How soon after the lock is released {@code HighPoolUtilization} must be inactive: one scrape and one
     * evaluation (1 s each) are enough, the rest is slack for a loaded 2-core machine. A wait, not a
     * performance threshold.
     */
    static final Duration CLEARS_WITHIN = Duration.ofSeconds(15);
    /** What {@code $__rate_interval} becomes: a window that holds many 1 s scrapes. */
    private static final String RATE_INTERVAL = "1m";

    private static final Pattern METRICS_URL = Pattern.compile("metrics on (http://\\S+)");
    private static final Pattern SCHEMA = Pattern.compile("in schema (\\w+)");
    private static final Pattern RUN_STARTING = Pattern.compile("running threshold mode");
    private static final Duration POLL = Duration.ofMillis(250);

    @TempDir
    Path dir;

    @Test
    void generatedAlertsFireDuringASlowdownAndUtilizationClearsAfterIt() throws Exception {
        Path binary = PrometheusServer.requireBinary();
        Path emitted = dir.resolve("emitted");
        DbpoolCli.Result emit = DbpoolCli.runCaptured("emit", "--for-override", FOR_OVERRIDE, "--out", emitted.toString());
        assertThat(emit.exitCode()).as(emit.err()).isEqualTo(ExitCodes.OK);
        Path rules = emitted.resolve("alerts/database.rules.yml");
        Path dashboard = emitted.resolve("dashboards/database-pool-dashboard.json");

        TestDatabase database = TestDatabase.get();
        PrometheusServer stopped;
        try (BackgroundSoak soak = BackgroundSoak.start("--service", SERVICE, "--database-url", database.databaseUrl(),
                "--metrics-port", "0", "--mode", "backpressure", "--duration", DURATION, "--fault", FAULT,
                "--rate", "200", "--threads", "50", "--hold", "2ms", "--rows", "10000", "--acquire-timeout", "2s")) {
            URI metrics = URI.create(soak.awaitStderr(METRICS_URL, Duration.ofMinutes(2)).group(1));
            Files.createDirectories(dir.resolve("prometheus"));
            try (PrometheusServer prometheus = PrometheusServer.start(binary, dir.resolve("prometheus"),
                    metrics.getHost() + ":" + metrics.getPort(), rules)) {
                stopped = prometheus;
                String schema = soak.awaitStderr(SCHEMA, Duration.ofMinutes(1)).group(1);
                soak.awaitStderr(RUN_STARTING, Duration.ofMinutes(1));
                try (TableLockWatch fault = TableLockWatch.start(database::adminConnection, schema, SoakDatabase.TABLE)) {
                    runScenario(prometheus, soak, fault, rules, dashboard);
                }
            }
            int exit = soak.awaitExit(Duration.ofMinutes(2));
            System.out.println("dbpool e2e: soak exited " + exit + "\n" + soak.describe());
            // 4 (the generator fell behind on a busy machine) makes the soak's own verdict invalid, not this test's
            assertThat(exit).as(soak.describe()).isIn(ExitCodes.OK, ExitCodes.INVALID_RUN);
        }
        assertThat(stopped.isRunning()).as("prometheus (pid %d) stopped", stopped.pid()).isFalse();
    }

    private void runScenario(PrometheusServer prometheus, BackgroundSoak soak, TableLockWatch fault, Path rules,
                             Path dashboard) throws Exception {
        awaitTargetUp(prometheus, soak);
        Instant began = fault.awaitBegan(Duration.ofMinutes(1));
        assertThat(fault.lastSeenFree()).as("the lock was watched before the fault began").isNotNull();

        // 1. Both alerts fire while the lock is held.
        List<ActiveAlert> firing = awaitFiringDuringFault(prometheus, fault, soak);
        Instant duringFault = Instant.now();
        ActiveAlert high = alert(firing, "HighPoolUtilization", a -> true).orElseThrow();
        assertThat(high.activeAt()).as("HighPoolUtilization became active because of the fault: %s", high)
                .isAfter(fault.lastSeenFree());
        for (ActiveAlert alert : firing) {
            assertThat(alert.annotations().path("summary").asText()).as("summary of %s", alert).contains(SERVICE);
            assertThat(alert.annotations().path("runbook_url").asText()).as("runbook of %s", alert)
                    .endsWith("#" + alert.name().toLowerCase(java.util.Locale.ROOT));
        }
        System.out.printf("dbpool e2e: PoolExhaustion and HighPoolUtilization firing %.1fs after the fault began%n",
                seconds(began, duringFault));

        // 2. HighPoolUtilization clears soon after the lock is released, while the pool still exports.
        Instant ended = fault.awaitEnded(FAULT_LENGTH.plusSeconds(30));
        Instant cleared = awaitHighUtilizationCleared(prometheus, soak, ended);
        System.out.printf("dbpool e2e: HighPoolUtilization inactive %.1fs after the fault ended%n",
                seconds(ended, cleared));
        assertThat(prometheus.query(MetricNames.UTILIZATION + "{service=\"" + SERVICE + "\"}", Instant.now()))
                .as("the pool still exports its utilization, so the alert cleared because utilization fell")
                .isNotEmpty();
        double rejectedDuringFault = prometheus.query("increase(" + MetricNames.EXHAUSTED + "{service=\"" + SERVICE
                + "\"}[" + Math.max(1, Duration.between(began, ended).toSeconds()) + "s])", ended)
                .path(0).path("value").path(1).asDouble();
        assertThat(rejectedDuringFault).as("backpressure rejections counted during the fault").isPositive();
        double overloadedDuringFault = prometheus.query("max_over_time(" + MetricNames.ADMISSION_OVERLOADED
                + "{service=\"" + SERVICE + "\"}[" + Math.max(1, Duration.between(began, ended).toSeconds()) + "s])", ended)
                .path(0).path("value").path(1).asDouble();
        assertThat(overloadedDuringFault).as("the admission policy reported overload during the fault").isEqualTo(1.0);

        // 3. Everything the runtime exports was scraped; 4. every panel has data; 5. every rule is healthy.
        assertEveryExportedSeriesWasScraped(prometheus, duringFault);
        assertEveryDashboardQueryReturnsASeries(prometheus, dashboard, duringFault);
        assertEveryRuleLoadedAndEvaluates(prometheus, rules);
    }

    private static void awaitTargetUp(PrometheusServer prometheus, BackgroundSoak soak) {
        String up = "up{job=\"" + PrometheusServer.JOB + "\"} == 1";
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (prometheus.query(up, Instant.now()).isEmpty()) {
            if (System.nanoTime() > deadline || !soak.isRunning()) {
                throw new AssertionError("prometheus never scraped the soak's metrics endpoint\n"
                        + prometheus.logTail() + "\n" + soak.describe());
            }
            PrometheusServer.pause(POLL);
        }
    }

    private static List<ActiveAlert> awaitFiringDuringFault(PrometheusServer prometheus, TableLockWatch fault,
                                                            BackgroundSoak soak) {
        List<ActiveAlert> seen = List.of();
        while (!fault.ended() && soak.isRunning()) {
            seen = prometheus.alerts().stream().filter(a -> SERVICE.equals(a.label(MetricNames.LABEL_SERVICE))).toList();
            Optional<ActiveAlert> exhaustion = alert(seen, "PoolExhaustion", ActiveAlert::firing);
            Optional<ActiveAlert> high = alert(seen, "HighPoolUtilization", ActiveAlert::firing);
            if (exhaustion.isPresent() && high.isPresent()) {
                return List.of(exhaustion.get(), high.get());
            }
            PrometheusServer.pause(POLL);
        }
        throw new AssertionError("PoolExhaustion and HighPoolUtilization did not both fire for " + SERVICE
                + " while the fault was on; last active alerts: " + seen + "\n" + soak.describe());
    }

    private static Instant awaitHighUtilizationCleared(PrometheusServer prometheus, BackgroundSoak soak, Instant ended) {
        Instant deadline = ended.plus(CLEARS_WITHIN);
        List<ActiveAlert> active = List.of();
        while (Instant.now().isBefore(deadline)) {
            assertThat(soak.isRunning()).as("the soak is still serving load after the fault").isTrue();
            active = prometheus.alerts();
            if (alert(active, "HighPoolUtilization", a -> SERVICE.equals(a.label(MetricNames.LABEL_SERVICE))).isEmpty()) {
                return Instant.now();
            }
            PrometheusServer.pause(POLL);
        }
        throw new AssertionError("HighPoolUtilization still active " + CLEARS_WITHIN.toSeconds()
                + "s after the fault ended: " + active);
    }

    /**
     * Each metric of {@link MetricNames#ALL} has a series for the service: each {@code state} of the
     * connections gauge, each {@code error_type} of the error counter, and the histogram's three series.
     */
    private static void assertEveryExportedSeriesWasScraped(PrometheusServer prometheus, Instant at) {
        List<String> selectors = new ArrayList<>();
        String service = "service=\"" + SERVICE + "\"";
        for (String name : MetricNames.ALL) {
            if (name.equals(MetricNames.CONNECTIONS)) {
                MetricNames.STATES.forEach(s -> selectors.add(name + "{" + service + ",state=\"" + s + "\"}"));
            } else if (name.equals(MetricNames.CONNECTION_ERRORS)) {
                MetricNames.ERROR_TYPES.forEach(t -> selectors.add(name + "{" + service + ",error_type=\"" + t + "\"}"));
            } else if (name.equals(MetricNames.ACQUIRE_DURATION)) {
                List.of("_bucket", "_count", "_sum").forEach(s -> selectors.add(name + s + "{" + service + "}"));
            } else {
                selectors.add(name + "{" + service + "}");
            }
        }
        List<String> missing = selectors.stream().filter(s -> prometheus.query(s, at).isEmpty()).toList();
        assertThat(missing).as("exported series Prometheus never scraped from the soak").isEmpty();
    }

    private static void assertEveryDashboardQueryReturnsASeries(PrometheusServer prometheus, Path dashboard,
                                                                Instant at) throws Exception {
        DashboardQueries panels = DashboardQueries.read(dashboard);
        List<DashboardQueries.Query> queries = panels.queries(SERVICE, RATE_INTERVAL);
        assertThat(queries).as("dashboard queries").isNotEmpty();
        List<String> empty = queries.stream().filter(q -> prometheus.query(q.expr(), at).isEmpty())
                .map(DashboardQueries.Query::toString).toList();
        assertThat(empty).as("dashboard queries that return no series for a real service").isEmpty();
        for (String[] variable : panels.labelValuesVariables()) {
            assertThat(prometheus.labelValues(variable[1], variable[0]))
                    .as("values of the dashboard's label_values(%s, %s) variable", variable[0], variable[1])
                    .contains(SERVICE);
        }
        System.out.println("dbpool e2e: " + queries.size() + " dashboard queries each returned a series");
    }

    private static void assertEveryRuleLoadedAndEvaluates(PrometheusServer prometheus, Path rules) throws Exception {
        long written = Files.readAllLines(rules).stream().filter(l -> l.strip().startsWith("- alert:")).count();
        List<String> loaded = new ArrayList<>();
        List<String> unhealthy = new ArrayList<>();
        for (JsonNode group : prometheus.ruleGroups()) {
            for (JsonNode rule : group.path("rules")) {
                loaded.add(rule.path("name").asText());
                if (!"ok".equals(rule.path("health").asText())) {
                    unhealthy.add(rule.path("name").asText() + ": " + rule.path("health").asText() + " "
                            + rule.path("lastError").asText());
                }
            }
        }
        assertThat(loaded).as("rules Prometheus loaded from %s", rules).hasSize((int) written);
        assertThat(unhealthy).as("rules that do not evaluate").isEmpty();
    }

    private static Optional<ActiveAlert> alert(List<ActiveAlert> alerts, String name, Predicate<ActiveAlert> which) {
        return alerts.stream().filter(a -> name.equals(a.name())).filter(which).findFirst();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
