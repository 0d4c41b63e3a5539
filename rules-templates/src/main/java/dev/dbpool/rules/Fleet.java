package dev.dbpool.rules;

import java.util.List;
import java.util.Optional;

/**
 * What the generated rules know about the fleet: the database's connection budget and, from a
 * plan, each service's pool. Without a plan ({@link #defaults()}) the rules use the design's
 * fleet-wide numbers: 80 % utilization and a budget of 80 connections (100 − 20 reserved).
 *
 * @param planName the plan file's name for the generated header, empty without a plan
 */
public record Fleet(ConnectionBudget budget, List<ServicePool> services, Optional<String> planName) {

    public Fleet {
        services = List.copyOf(services);
        long distinct = services.stream().map(ServicePool::name).distinct().count();
        if (distinct != services.size()) {
            throw new IllegalArgumentException("duplicate service names in " + services);
        }
    }

    /** The design's defaults: no per-service thresholds, a default server's budget. */
    public static Fleet defaults() {
        return new Fleet(ConnectionBudget.DEFAULT, List.of(), Optional.empty());
    }

    /** A fleet read from a plan file called {@code planName}. */
    public static Fleet fromPlan(String planName, ConnectionBudget budget, List<ServicePool> services) {
        return new Fleet(budget, services, Optional.of(planName));
    }

    /** One line for the generated files' header. */
    public String describe() {
        return planName
                .map(name -> "plan " + name + " (" + services.size() + " services, " + budget.describe() + ")")
                .orElse("built-in defaults, no --plan (" + budget.describe() + ")");
    }
}
