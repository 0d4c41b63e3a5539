package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.CONNECTIONS_PENDING;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;

/**
 * Threads have been queueing for a connection at every evaluation for the whole {@code for}: the
 * slow failure that precedes acquire timeouts. Not in the original design; a fleet needs it
 * because a pool can be "only" at 80 % while a burst queues behind it. Per pod (keeps
 * {@code instance}), because the queue is in one JVM.
 */
final class PoolThreadsWaitingAlert implements AlertDefinition {

    static final String NAME = "PoolThreadsWaiting";
    static final Duration FOR = Duration.ofMinutes(5);
    private static final double TEST_WAITING_THREADS = 3;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return List.of(rule(context));
    }

    private AlertRule rule(AlertContext context) {
        return Rules.alert(context, NAME, CONNECTIONS_PENDING + " > 0", FOR, WARNING,
                "Threads of {{ $labels.service }} are queueing for database connections",
                "{{ printf \"%.0f\" $value }} threads of {{ $labels.service }} on {{ $labels.instance }} are waiting "
                        + "for a database connection, and threads have been waiting at every evaluation since the "
                        + "alert became pending: the pool is too small for the load or connections are held too long.");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        AlertRule rule = rule(context);
        String service = AlertTests.CROSSING_SERVICE;
        Map<String, String> waiting = AlertTests.scraped(service, 0, Map.of(LABEL_SERVICE, service));
        List<SeriesSpec> series = List.of(
                SeriesSpec.gauge(CONNECTIONS_PENDING, waiting, TEST_WAITING_THREADS),
                SeriesSpec.gauge(CONNECTIONS_PENDING, AlertTests.scraped(service, 1, Map.of(LABEL_SERVICE, service)), 0));
        return List.of(AlertTests.standard(
                NAME + ": a pod with waiting threads fires after the for; a pod without stays quiet",
                rule, Timeline.gauge(rule.forDuration()), series, waiting, t -> TEST_WAITING_THREADS));
    }
}
