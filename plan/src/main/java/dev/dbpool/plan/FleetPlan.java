package dev.dbpool.plan;

import dev.dbpool.runtime.ServicePreset;
import dev.dbpool.plan.engine.PlanEvaluator;
import dev.dbpool.plan.engine.PlanYamlReader;

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
 * A fleet of services sharing one PostgreSQL, as a {@code services.yaml} describes it (DESIGN §3):
 * <pre>{@code
 * database:
 *   max_connections: 100        # required unless the server's own number is read
 *   reserved_connections: 20    # default: 20% of max_connections
 * services:
 *   auth-service:               # a preset: max/min default to ServicePreset
 *     replicas: 3
 *     max_replicas: 6
 *   billing-service:
 *     max_connections: 6        # required for a name that is not a preset
 *     min_connections: 2
 *     peak_qps: 400
 *     hold_ms: 8
 * }</pre>
 * Load one with {@link #load(Path)} or {@link #parse(String, Reader)}, or take the built-in presets
 * with {@link #presets()}, then {@link #evaluate(PlanOptions)} it. Invalid input is a
 * {@link PlanException} with {@code FILE:LINE:COLUMN}.
 */
public final class FleetPlan {

    /** PostgreSQL's own default for {@code max_connections}; what {@link #presets()} plans against. */
    public static final int POSTGRESQL_DEFAULT_MAX_CONNECTIONS = 100;
    /** The share of {@code max_connections} kept back for the system when the file does not say. */
    public static final int DEFAULT_RESERVED_PERCENT = 20;
    /** The {@link #source()} of {@link #presets()}. */
    public static final String PRESETS_SOURCE = "presets";

    private final String source;
    private final String origin;
    private final OptionalInt maxConnections;
    private final OptionalInt reservedConnections;
    private final List<ServicePlan> services;
    private final SourcePosition databasePosition;

    /**
     * @param source              the file's name as the user gave it (used in every message)
     * @param maxConnections      {@code database.max_connections}, if the file gives it
     * @param reservedConnections {@code database.reserved_connections}, if the file gives it
     * @param services            at least one, names unique
     * @param databasePosition    where {@code database} is declared (or {@code null}), for the error when
     *                            {@code max_connections} is needed and missing
     */
    public FleetPlan(String source, OptionalInt maxConnections, OptionalInt reservedConnections,
                     List<ServicePlan> services, SourcePosition databasePosition) {
        this(source, source, maxConnections, reservedConnections, services, databasePosition);
    }

    private FleetPlan(String source, String origin, OptionalInt maxConnections, OptionalInt reservedConnections,
                      List<ServicePlan> services, SourcePosition databasePosition) {
        this.source = Objects.requireNonNull(source, "source");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.maxConnections = Objects.requireNonNull(maxConnections, "maxConnections");
        this.reservedConnections = Objects.requireNonNull(reservedConnections, "reservedConnections");
        this.services = List.copyOf(services);
        this.databasePosition = databasePosition;
        if (this.services.isEmpty()) {
            throw new IllegalArgumentException(source + ": a fleet needs at least one service");
        }
        Set<String> names = new HashSet<>();
        for (ServicePlan s : this.services) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException(source + ": duplicate service " + s.name());
            }
        }
        if (maxConnections.isPresent() && maxConnections.getAsInt() < 1
                || reservedConnections.isPresent() && reservedConnections.getAsInt() < 0) {
            throw new IllegalArgumentException(source + ": max_connections must be positive and reserved not negative");
        }
    }

    /** A fleet built in code (no file positions). */
    public static FleetPlan of(String source, OptionalInt maxConnections, OptionalInt reservedConnections,
                               List<ServicePlan> services) {
        return new FleetPlan(source, maxConnections, reservedConnections, services, null);
    }

    /**
     * Reads a services file.
     *
     * @throws PlanException when the file is missing, unreadable or invalid
     */
    public static FleetPlan load(Path file) {
        return PlanYamlReader.load(file);
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
        return new FleetPlan(PRESETS_SOURCE, "PostgreSQL default", OptionalInt.of(POSTGRESQL_DEFAULT_MAX_CONNECTIONS),
                OptionalInt.empty(), services, null);
    }

    /** Evaluates with {@link PlanOptions#defaults()}. */
    public PlanResult evaluate() {
        return evaluate(PlanOptions.defaults());
    }

    /**
     * Adds up the fleet against the budget.
     *
     * @throws PlanException when the file has no {@code max_connections} and no server was read
     */
    public PlanResult evaluate(PlanOptions options) {
        return PlanEvaluator.evaluate(this, options);
    }

    /** The file's name as given, or {@value #PRESETS_SOURCE}. */
    public String source() {
        return source;
    }

    public OptionalInt maxConnections() {
        return maxConnections;
    }

    public OptionalInt reservedConnections() {
        return reservedConnections;
    }

    public List<ServicePlan> services() {
        return services;
    }

    public Optional<ServicePlan> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Where {@code database} is declared in the file, if it is. */
    public Optional<SourcePosition> databasePosition() {
        return Optional.ofNullable(databasePosition);
    }

    /** Where the file's numbers come from, for people: the file's name, or {@code PostgreSQL default} for the presets. */
    public String origin() {
        return origin;
    }
}
