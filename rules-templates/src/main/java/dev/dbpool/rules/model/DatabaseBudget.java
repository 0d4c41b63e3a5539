package dev.dbpool.rules.model;

import java.util.List;
import java.util.Objects;

/**
 * One database of a plan with several ({@code databases:} in services.yaml): its name, its budget and
 * the services whose pools connect to it. Each gets its own {@code FleetConnectionBudgetExceeded}.
 */
public record DatabaseBudget(String name, ConnectionBudget budget, List<String> services) {

    public DatabaseBudget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(budget, "budget");
        services = List.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("database " + name + " has no services");
        }
    }
}
