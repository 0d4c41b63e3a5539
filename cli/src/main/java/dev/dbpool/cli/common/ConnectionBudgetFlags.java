package dev.dbpool.cli.common;

import dev.dbpool.plan.PlanLimits;

import java.util.OptionalInt;

/** {@code --max-connections} and {@code --reserved-connections}, checked the same way by plan and the fleet soak. */
public final class ConnectionBudgetFlags {

    private ConnectionBudgetFlags() {
    }

    /** @throws CliException (usage) naming the flag, its range and the value */
    public static void check(Integer maxConnections, Integer reservedConnections) {
        if (maxConnections != null && (maxConnections < 1 || maxConnections > PlanLimits.MAX_CONNECTIONS)) {
            throw CliException.usage("--max-connections must be from 1 to " + PlanLimits.MAX_CONNECTIONS
                    + " (PostgreSQL's limit of max_connections), got " + maxConnections);
        }
        if (reservedConnections != null && (reservedConnections < 0 || reservedConnections > PlanLimits.MAX_CONNECTIONS
                || maxConnections != null && reservedConnections >= maxConnections)) {
            throw CliException.usage("--reserved-connections must be 0 or more and less than --max-connections"
                    + (maxConnections == null ? " (at most " + PlanLimits.MAX_CONNECTIONS + ")" : "")
                    + ", got " + reservedConnections);
        }
    }

    public static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
