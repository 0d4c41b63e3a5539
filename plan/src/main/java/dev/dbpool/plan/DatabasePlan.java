package dev.dbpool.plan;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One PostgreSQL server that part of the fleet uses, with its budget and, optionally, the PgBouncer
 * in front of it. A {@code services.yaml} with {@code database:} has one (named
 * {@value #DEFAULT_NAME}); with {@code databases:} one per entry; Kubernetes manifests have one whose
 * budget comes from {@code --max-connections} or {@code --database-url}.
 *
 * @param name                the name services refer to with {@code database: NAME}
 * @param maxConnections      its {@code max_connections}, if the input gives it
 * @param reservedConnections its {@code reserved_connections}, if the input gives it
 * @param pooler              the PgBouncer the services connect through, if any
 * @param origin              where the numbers come from, for people (the file's name)
 * @param position            where it is declared, for the error when {@code max_connections} is missing
 */
public record DatabasePlan(String name, OptionalInt maxConnections, OptionalInt reservedConnections,
                           Optional<PgBouncerConfig> pooler, String origin, Optional<SourcePosition> position) {

    /** The name of the database of the single-database form ({@code database:}, manifests, presets). */
    public static final String DEFAULT_NAME = "default";

    public DatabasePlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(maxConnections, "maxConnections");
        Objects.requireNonNull(reservedConnections, "reservedConnections");
        Objects.requireNonNull(pooler, "pooler");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(position, "position");
        if (maxConnections.isPresent() && (maxConnections.getAsInt() < 1 || maxConnections.getAsInt() > PlanLimits.MAX_CONNECTIONS)
                || reservedConnections.isPresent() && (reservedConnections.getAsInt() < 0
                || reservedConnections.getAsInt() > PlanLimits.MAX_CONNECTIONS)) {
            throw new IllegalArgumentException(name + ": max_connections must be from 1 to " + PlanLimits.MAX_CONNECTIONS
                    + " and reserved from 0 to as many");
        }
    }

    /** The single database of a fleet with no numbers of its own (manifests: the budget comes from flags). */
    public static DatabasePlan unsized(String origin) {
        return new DatabasePlan(DEFAULT_NAME, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), origin,
                Optional.empty());
    }

    /** The same database behind {@code config}. */
    public DatabasePlan withPooler(PgBouncerConfig config) {
        return new DatabasePlan(name, maxConnections, reservedConnections, Optional.of(config), origin, position);
    }
}
