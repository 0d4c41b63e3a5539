package dev.dbpool.plan;

import dev.dbpool.runtime.ServicePreset;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A fleet of services and the PostgreSQL servers they share (DESIGN §3), read from a
 * {@code services.yaml} or from Kubernetes manifests:
 * <pre>{@code
 * database:
 *   max_connections: 100        # required unless the server's own number is read
 *   reserved_connections: 20    # default: 20% of max_connections
 * services:
 *   auth-service:               # a preset: max/min default to ServicePreset
 *     replicas: 3
 *     max_replicas: 6
 * }</pre>
 * or with {@code databases:} (a map of name to budget) and {@code database: NAME} on each service.
 * Load one with {@link #load(Path)} (a services file, a manifest, a directory of manifests),
 * {@link #load(List)} or {@link #parse(String, Reader)}, or take the built-in presets with
 * {@link #presets()}, then {@link #evaluate(PlanOptions)} it. Invalid input is a
 * {@link PlanException} with {@code FILE:LINE:COLUMN}.
 *
 * @param source    the input's name as the user gave it (used in every message)
 * @param databases at least one, names unique
 * @param services  at least one, names unique, each on one of {@code databases}
 * @param notes     what reading the input found worth saying (manifests: workloads without a database,
 *                  an autoscaler whose target is missing, a ConfigMap not in the input)
 */
public record FleetPlan(String source, List<DatabasePlan> databases, List<ServicePlan> services, List<String> notes) {

    /** PostgreSQL's own default for {@code max_connections}; what {@link #presets()} plans against. */
    public static final int POSTGRESQL_DEFAULT_MAX_CONNECTIONS = 100;
    /** The share of {@code max_connections} kept back for the system when the file does not say. */
    public static final int DEFAULT_RESERVED_PERCENT = 20;
    /** The {@link #source()} of {@link #presets()}. */
    public static final String PRESETS_SOURCE = "presets";

    public FleetPlan {
        Objects.requireNonNull(source, "source");
        databases = List.copyOf(databases);
        services = List.copyOf(services);
        notes = List.copyOf(notes);
        if (databases.isEmpty()) {
            throw new IllegalArgumentException(source + ": a fleet needs a database");
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException(source + ": a fleet needs at least one service");
        }
        Set<String> names = new HashSet<>();
        for (DatabasePlan d : databases) {
            if (!names.add(d.name())) {
                throw new IllegalArgumentException(source + ": duplicate database " + d.name());
            }
        }
        Set<String> databaseNames = Set.copyOf(names);
        names.clear();
        for (ServicePlan s : services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException(source + ": duplicate service " + s.name());
            }
            if (!databaseNames.contains(s.database())) {
                throw new IllegalArgumentException(source + ": service " + s.name() + " is on unknown database "
                        + s.database());
            }
        }
    }

    /**
     * The single-database form.
     *
     * @param databasePosition where {@code database} is declared (or {@code null}), for the error when
     *                         {@code max_connections} is needed and missing
     */
    public FleetPlan(String source, OptionalInt maxConnections, OptionalInt reservedConnections,
                     List<ServicePlan> services, SourcePosition databasePosition) {
        this(source, List.of(new DatabasePlan(DatabasePlan.DEFAULT_NAME, maxConnections, reservedConnections,
                Optional.empty(), source, Optional.ofNullable(databasePosition))), services, List.of());
    }

    /** A single-database fleet built in code (no file positions). */
    public static FleetPlan of(String source, OptionalInt maxConnections, OptionalInt reservedConnections,
                               List<ServicePlan> services) {
        return new FleetPlan(source, maxConnections, reservedConnections, services, null);
    }

    /**
     * Reads a services file, a Kubernetes manifest or a directory of manifests, told apart by content.
     *
     * @throws PlanException when the input is missing, unreadable or invalid
     */
    public static FleetPlan load(Path input) {
        return load(List.of(input));
    }

    /**
     * Reads one services file, or any number of Kubernetes manifests and directories of them (every
     * {@code .yaml}, {@code .yml} and {@code .json} directly inside, in name order), as one fleet.
     *
     * @throws PlanException when an input is missing, unreadable or invalid, or services files and
     *                       manifests are mixed
     */
    public static FleetPlan load(List<Path> inputs) {
        return load(inputs, OptionalInt.empty());
    }

    /**
     * {@link #load(List)} counting each DaemonSet of the manifests on {@code nodes} nodes (without it, a
     * DaemonSet is named in the notes and not counted).
     *
     * @throws PlanException as {@link #load(List)}, or when {@code nodes} is out of range
     */
    public static FleetPlan load(List<Path> inputs, OptionalInt nodes) {
        if (nodes.isPresent() && (nodes.getAsInt() < 1 || nodes.getAsInt() > PlanLimits.MAX_NODES)) {
            throw new IllegalArgumentException("nodes must be from 1 to " + PlanLimits.MAX_NODES + ", got "
                    + nodes.getAsInt());
        }
        return PlanInputs.load(inputs, nodes);
    }

    /**
     * Reads services YAML from {@code reader}; {@code sourceName} names it in messages.
     *
     * @throws PlanException when the YAML is invalid
     */
    public static FleetPlan parse(String sourceName, Reader reader) {
        try {
            StringWriter text = new StringWriter();
            reader.transferTo(text);
            return parse(sourceName, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /** {@link #parse(String, Reader)} from a string. */
    public static FleetPlan parse(String sourceName, String yaml) {
        return PlanYamlReader.parse(sourceName, yaml);
    }

    /**
     * The built-in {@link ServicePreset} fleet, one replica each, against a PostgreSQL with the default
     * {@code max_connections} (100) and the default 20% reserved: 111 allocated, 80 available.
     */
    public static FleetPlan presets() {
        List<ServicePlan> services = new ArrayList<>();
        for (ServicePreset preset : ServicePreset.all()) {
            services.add(ServicePlan.ofPreset(preset, 1));
        }
        DatabasePlan database = new DatabasePlan(DatabasePlan.DEFAULT_NAME,
                OptionalInt.of(POSTGRESQL_DEFAULT_MAX_CONNECTIONS), OptionalInt.empty(), Optional.empty(),
                "PostgreSQL default", Optional.empty());
        return new FleetPlan(PRESETS_SOURCE, List.of(database), services, List.of());
    }

    /** Evaluates with {@link PlanOptions#defaults()}. */
    public PlanResult evaluate() {
        return evaluate(PlanOptions.defaults());
    }

    /**
     * Adds up the fleet against each database's budget.
     *
     * @throws PlanException when a database has no {@code max_connections} and no server or flag gives one
     */
    public PlanResult evaluate(PlanOptions options) {
        return PlanEvaluator.evaluate(this, options);
    }

    /**
     * The fleet with its (single) database behind {@code pooler}.
     *
     * @throws PlanException when the fleet has several databases (each names its own {@code pgbouncer:})
     */
    public FleetPlan withPooler(PgBouncerConfig pooler) {
        if (databases.size() != 1) {
            throw PlanException.inFile(source, "has " + databases.size() + " databases: a PgBouncer file applies to "
                    + "one; give each database its own 'pgbouncer:' instead");
        }
        return new FleetPlan(source, List.of(databases.get(0).withPooler(pooler)), services, notes);
    }

    /** Whether this is the single-database form. */
    public boolean singleDatabase() {
        return databases.size() == 1;
    }

    /** The single database; an {@link IllegalStateException} with {@code databases:}. */
    public DatabasePlan database() {
        if (!singleDatabase()) {
            throw new IllegalStateException(source + " has " + databases.size() + " databases; use databases()");
        }
        return databases.get(0);
    }

    public Optional<DatabasePlan> database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The single database's {@code max_connections}, if given. */
    public OptionalInt maxConnections() {
        return database().maxConnections();
    }

    /** The single database's {@code reserved_connections}, if given. */
    public OptionalInt reservedConnections() {
        return database().reservedConnections();
    }

    public Optional<ServicePlan> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The services on {@code database}, in input order. */
    public List<ServicePlan> servicesOn(String database) {
        return services.stream().filter(s -> s.database().equals(database)).toList();
    }
}
