package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promql.PromDuration;
import dev.dbpool.rules.promtool.RuleGroup;
import dev.dbpool.rules.promtool.RuleTestFile;
import dev.dbpool.rules.promtool.RulesFile;

import java.util.List;

/**
 * Every alert dbpool ships, in two groups: what one service's pools say, and what the fleet's
 * pools say together.
 */
public final class AlertCatalog {

    public static final String POOL_GROUP = "dbpool-pools";
    public static final String FLEET_GROUP = "dbpool-fleet";

    private static final List<AlertDefinition> POOL_ALERTS = List.of(
            new PoolExhaustionAlert(),
            new HighPoolUtilizationAlert(),
            new VerySlowPoolAcquisitionAlert(),
            new PoolConnectionErrorsAlert(),
            new PoolThreadsWaitingAlert());
    private static final List<AlertDefinition> FLEET_ALERTS = List.of(new FleetConnectionBudgetAlert());

    private AlertCatalog() {
    }

    /** Every alert definition, pool alerts first. */
    public static List<AlertDefinition> all() {
        return java.util.stream.Stream.concat(POOL_ALERTS.stream(), FLEET_ALERTS.stream()).toList();
    }

    public static RulesFile rules(AlertContext context) {
        return new RulesFile(List.of(group(POOL_GROUP, POOL_ALERTS, context), group(FLEET_GROUP, FLEET_ALERTS, context)));
    }

    /** The unit tests of every alert, reading the rules from {@code rulesPath} (relative to the test file). */
    public static RuleTestFile tests(AlertContext context, String rulesPath) {
        return new RuleTestFile(List.of(rulesPath), Timeline.EVALUATION_INTERVAL,
                all().stream().flatMap(a -> a.tests(context).stream()).toList());
    }

    /** The P95 above which VerySlowPoolAcquisition fires, for the dashboard's threshold line. */
    public static double latencyThresholdSeconds() {
        return VerySlowPoolAcquisitionAlert.THRESHOLD_SECONDS;
    }

    /** The share of requests shed above which PoolExhaustion fires, for the dashboard's threshold line. */
    public static double shedShareThreshold() {
        return PoolExhaustionAlert.THRESHOLD;
    }

    /** {@code 5m}: the window of every rate in the rules. */
    public static String rateWindow() {
        return PromDuration.format(Timeline.RATE_WINDOW);
    }

    private static RuleGroup group(String name, List<AlertDefinition> alerts, AlertContext context) {
        return new RuleGroup(name, alerts.stream().flatMap(a -> a.rules(context).stream()).toList());
    }
}
