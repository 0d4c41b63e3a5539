package dev.dbpool.rules.model;

import java.util.List;
import java.util.Optional;

/**
 * What the generated rules know about the fleet: the database's connection budget and, from a
 * plan, each service's pool. Without a plan ({@link #defaults()}) the rules use the design's
 * fleet-wide numbers: 80 % utilization and a budget of 80 connections (100 − 20 reserved).
 *
 * @param budget    the database's budget; with several databases, their sum (for the dashboard's fleet panel)
 * @param planName  the plan file's name for the generated header, empty without a plan
 * @param databases with several databases ({@code databases:}), each one's budget and services; empty otherwise
 */
public record Fleet(ConnectionBudget budget, List<ServicePool> services, Optional<String> planName,
                    List<DatabaseBudget> databases) {

    public Fleet {
        services = List.copyOf(services);
        databases = List.copyOf(databases);
        long distinct = services.stream().map(ServicePool::name).distinct().count();
        if (distinct != services.size()) {
            throw new IllegalArgumentException("duplicate service names in " + services);
        }
    }

    /** A fleet on one database. */
    public Fleet(ConnectionBudget budget, List<ServicePool> services, Optional<String> planName) {
        this(budget, services, planName, List.of());
    }

    /** The design's defaults: no per-service thresholds, a default server's budget. */
    public static Fleet defaults() {
        return new Fleet(ConnectionBudget.DEFAULT, List.of(), Optional.empty());
    }

    /** A fleet read from a plan file called {@code planName}. */
    public static Fleet fromPlan(String planName, ConnectionBudget budget, List<ServicePool> services) {
        return new Fleet(budget, services, Optional.of(planName));
    }

    /** A fleet read from a plan file with several databases; the fleet-wide budget is their sum. */
    public static Fleet fromPlan(String planName, List<DatabaseBudget> databases, List<ServicePool> services) {
        if (databases.size() == 1) {
            return fromPlan(planName, databases.get(0).budget(), services);
        }
        ConnectionBudget total = new ConnectionBudget(
                databases.stream().mapToInt(d -> d.budget().maxConnections()).sum(),
                databases.stream().mapToInt(d -> d.budget().reservedConnections()).sum());
        return new Fleet(total, services, Optional.of(planName), databases);
    }

    /** One line for the generated files' header. */
    public String describe() {
        return planName
                .map(name -> "plan " + name + " (" + services.size() + " services, " + (databases.isEmpty()
                        ? budget.describe() : databases.size() + " databases: " + String.join("; ", databases.stream()
                        .map(d -> d.name() + " " + d.budget().describe()).toList())) + ")")
                .orElse("built-in defaults, no --plan (" + budget.describe() + ")");
    }
}
