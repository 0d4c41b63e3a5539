package dev.dbpool.rules.alerts;

import dev.dbpool.rules.format.GoTemplateFormat;
import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;
import dev.dbpool.runtime.PoolExhaustedException;
import dev.dbpool.runtime.ServicePreset;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.ACQUIRE_DURATION;
import static dev.dbpool.runtime.metrics.MetricNames.EXHAUSTED;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;

/**
 * A service's admission policy has been shedding more than {@link #THRESHOLD} of its connection
 * requests for the whole {@code for} (DESIGN §5). Not "any rejection": the policies that
 * shed on waiting (codel, the default) shed nothing while the pool is healthy, so a
 * sustained share is news, while a stray shed in a burst is not worth a page. Summed per service,
 * so a service with many replicas raises one alert, and a restarted pod (a new {@code instance})
 * does not restart the {@code for}.
 *
 * <p>The share is {@code shed / (acquisitions timed + shed)}. Immediate refusals never reach HikariCP,
 * so they are only in {@code db_pool_exhausted_total}; a request shed when its bounded wait ran out
 * is in both, because HikariCP times that wait like any other borrow and the histogram counts it.
 * The denominator therefore counts such a request twice, and the rule does not try to subtract it:
 * the metrics cannot tell the two kinds of shed apart, and the error is small and on the safe side.
 * With a true share {@code s} the rule reads between {@code s / (1 + s)} (every shed waited) and
 * {@code s} (every shed immediate): at the 1 % threshold at most 0.01 points low, never above 100 %,
 * and a total stall still reads 50 % or more. The other ways to write it are worse: the histogram
 * alone as the denominator divides by zero (or nearly) exactly when the threshold policy refuses
 * everything at once, and subtracting the shed count from it goes negative for the same reason.
 */
final class PoolExhaustionAlert implements AlertDefinition {

    static final String NAME = "PoolExhaustion";
    static final Duration FOR = Duration.ofMinutes(2);
    /** The share of requests shed above which the alert fires. */
    static final double THRESHOLD = 0.01;

    /** Test traffic of the crossing service, per minute and pod: 400 requests, 20 shed by one pod (5 %). */
    private static final double REQUESTS_PER_MINUTE = 200;
    private static final double CROSSING_SHED_PER_MINUTE = 20;
    /** The quiet service sheds 2 of 400 requests a minute: 0.5 %, half the threshold. */
    private static final double QUIET_SHED_PER_MINUTE = 2;
    /** The third preset: no traffic at all, so the share is 0/0 (NaN), which must not fire either. */
    private static final String IDLE_SERVICE = ServicePreset.all().get(2).service();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        return List.of(rule(context));
    }

    /** {@code sum by (service) (rate(metric[5m]))}. */
    private static String perService(String metric) {
        return "sum by (" + LABEL_SERVICE + ") (rate(" + metric + Rules.window() + "))";
    }

    private AlertRule rule(AlertContext context) {
        String shed = perService(EXHAUSTED);
        String timed = perService(PromQl.count(ACQUIRE_DURATION));
        String threshold = GoTemplateFormat.humanizePercentage(THRESHOLD);
        return Rules.alert(context, NAME,
                shed + " / (" + timed + " + " + shed + ") > " + PromQl.number(THRESHOLD),
                FOR, CRITICAL,
                "{{ $labels.service }} is shedding database requests: its connection pool is overloaded",
                "{{ $labels.service }} has shed {{ $value | humanizePercentage }} of its connection requests over the "
                        + "last 5 minutes (alert threshold " + threshold + "): its admission policy refused them at "
                        + "once or their bounded wait for a connection ran out, and callers got PoolExhaustedException "
                        + "(SQLState " + PoolExhaustedException.SQL_STATE + ") instead of a connection. The default "
                        + "policy (codel) sheds nothing while the pool is healthy: the pool cannot carry the current load.");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        AlertRule rule = rule(context);
        String crossing = AlertTests.CROSSING_SERVICE;
        String quiet = AlertTests.QUIET_SERVICE;
        List<SeriesSpec> series = List.of(
                // One pod sheds 10 % and the other nothing: 5 % for the service, which is what fires.
                shed(crossing, 0, CROSSING_SHED_PER_MINUTE),
                timed(crossing, 0, REQUESTS_PER_MINUTE - CROSSING_SHED_PER_MINUTE),
                shed(crossing, 1, 0),
                timed(crossing, 1, REQUESTS_PER_MINUTE),
                shed(quiet, 0, QUIET_SHED_PER_MINUTE),
                timed(quiet, 0, 2 * REQUESTS_PER_MINUTE - QUIET_SHED_PER_MINUTE),
                shed(IDLE_SERVICE, 0, 0),
                timed(IDLE_SERVICE, 0, 0));
        double share = CROSSING_SHED_PER_MINUTE / (2 * REQUESTS_PER_MINUTE);
        // A stall under the threshold policy: every request refused at once, none reaches HikariCP.
        List<SeriesSpec> stalled = List.of(
                shed(crossing, 0, REQUESTS_PER_MINUTE),
                timed(crossing, 0, 0));
        return List.of(
                AlertTests.standard(NAME + ": a service shedding 5% of its requests fires after the for; one shedding "
                                + "0.5% and one without traffic stay quiet",
                        rule, Timeline.rate(rule.forDuration()), series, Map.of(LABEL_SERVICE, crossing), t -> share),
                AlertTests.standard(NAME + ": a stalled service whose every request is refused at once (no acquisition "
                                + "timed) reads 100% and fires after the for",
                        rule, Timeline.rate(rule.forDuration()), stalled, Map.of(LABEL_SERVICE, crossing), t -> 1.0));
    }

    private static SeriesSpec shed(String service, int replica, double perMinute) {
        return SeriesSpec.counter(EXHAUSTED, AlertTests.scraped(service, replica, Map.of(LABEL_SERVICE, service)), perMinute);
    }

    private static SeriesSpec timed(String service, int replica, double perMinute) {
        return SeriesSpec.counter(PromQl.count(ACQUIRE_DURATION),
                AlertTests.scraped(service, replica, Map.of(LABEL_SERVICE, service)), perMinute);
    }
}
