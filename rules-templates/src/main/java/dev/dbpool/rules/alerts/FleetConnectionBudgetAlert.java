package dev.dbpool.rules.alerts;

import dev.dbpool.rules.model.ConnectionBudget;
import dev.dbpool.rules.model.DatabaseBudget;
import dev.dbpool.rules.promql.PromQl;
import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.SeriesSpec;
import dev.dbpool.rules.promtool.TestGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.dbpool.runtime.metrics.MetricNames.CONNECTIONS;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_SERVICE;
import static dev.dbpool.runtime.metrics.MetricNames.LABEL_STATE;
import static dev.dbpool.runtime.metrics.MetricNames.STATE_MAX;

/**
 * The pools of every running pod together may open more connections than the database has for
 * applications: what {@code dbpool plan} checks before a deploy, watched live (autoscaling adds
 * pods, and with them pools). The budget is the plan's {@code available}, or 80 without a plan
 * (a default {@code max_connections = 100} with 20 reserved). The long {@code for} lets a rolling
 * deploy, which briefly runs old and new pods side by side, pass without an alert. A plan with several
 * databases gets one rule per database, over the pools of its services, labelled {@code database}.
 */
final class FleetConnectionBudgetAlert implements AlertDefinition {

    static final String NAME = "FleetConnectionBudgetExceeded";
    static final Duration FOR = Duration.ofMinutes(15);
    static final String LABEL_DATABASE = "database";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<AlertRule> rules(AlertContext context) {
        if (context.fleet().databases().isEmpty()) {
            return List.of(rule(context));
        }
        return context.fleet().databases().stream().map(d -> rule(context, d)).toList();
    }

    private AlertRule rule(AlertContext context, DatabaseBudget database) {
        ConnectionBudget budget = database.budget();
        AlertRule rule = Rules.alert(context, NAME,
                "sum(" + PromQl.selector(CONNECTIONS, PromQl.eq(LABEL_STATE, STATE_MAX),
                        PromQl.regex(LABEL_SERVICE, PromQl.alternation(database.services()))) + ") > " + budget.available(),
                FOR, WARNING,
                "The pools on database " + database.name() + " may open more connections than it allows",
                "The pools of the services on database " + database.name() + " may together open {{ printf \"%.0f\" $value }} "
                        + "connections, more than the " + budget.available() + " it has for applications (max_connections "
                        + budget.maxConnections() + " - " + budget.reservedConnections() + " reserved). When the pools "
                        + "fill up, new connections fail with 'too many clients'. Shrink the pools: dbpool plan --fit.");
        Map<String, String> labels = new LinkedHashMap<>(rule.labels());
        labels.put(LABEL_DATABASE, database.name());
        return new AlertRule(rule.alert(), rule.expr(), rule.forDuration(), labels, rule.annotations());
    }

    private AlertRule rule(AlertContext context) {
        ConnectionBudget budget = context.fleet().budget();
        return Rules.alert(context, NAME,
                "sum(" + PromQl.selector(CONNECTIONS, PromQl.eq(LABEL_STATE, STATE_MAX)) + ") > " + budget.available(),
                FOR, WARNING,
                "The fleet's pools may open more connections than the database allows",
                "The pools of all running services may together open {{ printf \"%.0f\" $value }} connections, more "
                        + "than the " + budget.available() + " the database has for applications (max_connections "
                        + budget.maxConnections() + " - " + budget.reservedConnections() + " reserved). When the pools "
                        + "fill up, new connections fail with 'too many clients'. Shrink the pools: dbpool plan --fit.");
    }

    @Override
    public List<TestGroup> tests(AlertContext context) {
        if (!context.fleet().databases().isEmpty()) {
            List<TestGroup> tests = new ArrayList<>();
            for (DatabaseBudget database : context.fleet().databases()) {
                tests.addAll(tests(rule(context, database), database));
            }
            return tests;
        }
        AlertRule rule = rule(context);
        int available = context.fleet().budget().available();
        Timeline timeline = Timeline.gauge(rule.forDuration());
        return List.of(
                AlertTests.standard(NAME + ": pools one connection over the budget fire after the for",
                        rule, timeline, twoPools(available + 1), Map.of(), t -> available + 1),
                AlertTests.silent(NAME + ": pools exactly at the budget stay quiet",
                        rule, timeline, twoPools(available)));
    }

    private static List<TestGroup> tests(AlertRule rule, DatabaseBudget database) {
        int available = database.budget().available();
        Timeline timeline = Timeline.gauge(rule.forDuration());
        String name = NAME + " (" + database.name() + ")";
        return List.of(
                AlertTests.standard(name + ": its pools one connection over its budget fire after the for",
                        rule, timeline, poolsOf(database.services(), available + 1), Map.of(), t -> available + 1),
                AlertTests.silent(name + ": its pools exactly at its budget stay quiet",
                        rule, timeline, poolsOf(database.services(), available)),
                AlertTests.silent(name + ": pools of services on other databases do not count",
                        rule, timeline, List.of(SeriesSpec.gauge(CONNECTIONS,
                                pool(AlertTests.QUIET_SERVICE + "-elsewhere"), available + 1))));
    }

    /** The first (up to) two services of a database, whose pools add up to {@code total} connections. */
    private static List<SeriesSpec> poolsOf(List<String> services, int total) {
        if (services.size() == 1) {
            return List.of(SeriesSpec.gauge(CONNECTIONS, pool(services.get(0)), total));
        }
        return List.of(
                SeriesSpec.gauge(CONNECTIONS, pool(services.get(0)), total - total / 2),
                SeriesSpec.gauge(CONNECTIONS, pool(services.get(1)), total / 2));
    }

    /** Two services whose pools add up to {@code total} connections. */
    private static List<SeriesSpec> twoPools(int total) {
        String first = AlertTests.CROSSING_SERVICE;
        String second = AlertTests.QUIET_SERVICE;
        return List.of(
                SeriesSpec.gauge(CONNECTIONS, pool(first), total - total / 2),
                SeriesSpec.gauge(CONNECTIONS, pool(second), total / 2));
    }

    private static Map<String, String> pool(String service) {
        return AlertTests.scraped(service, 0, Map.of(LABEL_SERVICE, service, LABEL_STATE, STATE_MAX));
    }
}
