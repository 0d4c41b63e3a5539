package dev.dbpool.plan;

import dev.dbpool.plan.engine.ClosestMatch;
import dev.dbpool.runtime.ServicePreset;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static dev.dbpool.plan.PositionedYaml.describe;
import static dev.dbpool.plan.PositionedYaml.isNull;

/**
 * Reads a {@code services.yaml} through {@link PositionedYaml}, so that every problem is reported as
 * {@code FILE:LINE:COLUMN: what is wrong}: syntax errors, unknown keys (with the closest valid one),
 * wrong types, sizes out of range, {@code min > max}, duplicate names, a name that is neither a preset
 * nor sized, a service on a database the file does not declare.
 *
 * <p>One database ({@code database:}) or several ({@code databases:}, a map of name to settings, with
 * {@code database: NAME} on each service; a service may leave it out when there is only one). A
 * database's {@code pgbouncer:} is a mapping of PgBouncer settings or the path of a {@code pgbouncer.ini}
 * relative to the services file.
 *
 * <p>Top-level keys starting with {@code x-} are ignored, so a file can hold YAML anchors for shared
 * settings ({@code x-defaults: &defaults}) and merge them with {@code <<: *defaults}.
 */
final class PlanYamlReader {

    static final String DATABASE = "database";
    static final String DATABASES = "databases";
    static final String SERVICES = "services";
    static final String MAX_CONNECTIONS = "max_connections";
    static final String RESERVED_CONNECTIONS = "reserved_connections";
    static final String PGBOUNCER = "pgbouncer";
    static final String REPLICAS = "replicas";
    static final String MAX_REPLICAS = "max_replicas";
    static final String MIN_CONNECTIONS = "min_connections";
    static final String PEAK_QPS = "peak_qps";
    static final String HOLD_MS = "hold_ms";
    static final String BACKPRESSURE_THRESHOLD = "backpressure_threshold";
    static final String USER = "user";
    /** Top-level keys with this prefix are left to the user (anchors, tooling). */
    static final String EXTENSION_PREFIX = PositionedYaml.EXTENSION_PREFIX;

    static final List<String> TOP_LEVEL_KEYS = List.of(DATABASE, DATABASES, SERVICES);
    static final List<String> DATABASE_KEYS = List.of(MAX_CONNECTIONS, RESERVED_CONNECTIONS, PGBOUNCER);
    static final List<String> SERVICE_KEYS = List.of(REPLICAS, MAX_REPLICAS, MAX_CONNECTIONS, MIN_CONNECTIONS,
            PEAK_QPS, HOLD_MS, BACKPRESSURE_THRESHOLD, DATABASE, USER);

    private final SourceText source;
    private final PositionedYaml yaml;

    private PlanYamlReader(SourceText source) {
        this.source = source;
        this.yaml = new PositionedYaml(source);
    }

    /** Reads and parses {@code file}; every failure, including a missing file, is a {@link PlanException}. */
    static FleetPlan load(Path file) {
        return read(SourceText.read(file, "a services file"));
    }

    /** Parses YAML text; {@code name} is used in every message. */
    static FleetPlan parse(String name, String text) {
        return read(new SourceText(name, text));
    }

    static FleetPlan read(SourceText source) {
        List<Node> documents = new PositionedYaml(source).documents();
        if (documents.size() > 1) {
            throw source.error(documents.get(1), "a services file is one YAML document; this is a second one");
        }
        return new PlanYamlReader(source).read(documents.isEmpty() ? null : documents.get(0));
    }

    /** Whether a document looks like a services file: a mapping with {@code services}, {@code database(s)}. */
    static boolean looksLikeServicesFile(Node document) {
        return document instanceof MappingNode m && m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode key && TOP_LEVEL_KEYS.contains(key.getValue()));
    }

    private FleetPlan read(Node root) {
        if (root == null) {
            throw source.error("the file is empty: expected '" + DATABASE + "' and '" + SERVICES + "'");
        }
        if (!(root instanceof MappingNode rootMapping)) {
            throw source.error(root, "not a services file: expected a mapping with '" + DATABASE + "' and '" + SERVICES + "', got "
                    + describe(root));
        }
        boolean anyPlausibleKey = rootMapping.getValue().stream().anyMatch(t -> t.getKeyNode() instanceof ScalarNode k
                && (k.getValue().startsWith(EXTENSION_PREFIX) || ClosestMatch.among(k.getValue(), TOP_LEVEL_KEYS).isPresent()));
        if (!anyPlausibleKey && !rootMapping.getValue().isEmpty()) {
            throw source.error(root, "neither a services file (with '" + SERVICES + ":') nor a Kubernetes manifest "
                    + "(with 'apiVersion' and 'kind')");
        }
        Map<String, NodeTuple> top = yaml.entries(rootMapping, "at the top level", TOP_LEVEL_KEYS, true, "key");
        if (top.containsKey(DATABASE) && top.containsKey(DATABASES)) {
            throw source.error(top.get(DATABASES).getKeyNode(), "give either '" + DATABASE + "' (one database) or '"
                    + DATABASES + "' (several), not both");
        }
        List<DatabasePlan> databases = top.containsKey(DATABASES)
                ? readDatabases(top.get(DATABASES))
                : List.of(readDatabase(DatabasePlan.DEFAULT_NAME, top.get(DATABASE), DATABASE));

        NodeTuple services = top.get(SERVICES);
        if (services == null) {
            throw source.error(root, "missing '" + SERVICES + "': list the fleet's services under it");
        }
        List<ServicePlan> fleet = readServices(services, databases, top.containsKey(DATABASES));
        return new FleetPlan(source.name(), databases, fleet, List.of());
    }

    private List<DatabasePlan> readDatabases(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        if (isNull(value) || value instanceof MappingNode m && m.getValue().isEmpty()) {
            throw source.error(tuple.getKeyNode(), "'" + DATABASES + "' is empty: name at least one database");
        }
        if (!(value instanceof MappingNode mapping)) {
            throw source.error(value, "'" + DATABASES + "' must map each database's name to its settings ("
                    + String.join(", ", DATABASE_KEYS) + "), got " + describe(value));
        }
        List<DatabasePlan> databases = new ArrayList<>();
        for (NodeTuple entry : yaml.entries(mapping, "in '" + DATABASES + "'", null, false, "database").values()) {
            String name = ((ScalarNode) entry.getKeyNode()).getValue().strip();
            if (name.isEmpty()) {
                throw source.error(entry.getKeyNode(), "a database needs a name");
            }
            requirePrintable(entry.getKeyNode(), "a database name", name);
            databases.add(readDatabase(name, entry, DATABASES + "." + name));
        }
        return databases;
    }

    /** One database's settings; {@code tuple} is null for a file without {@code database:}. */
    private DatabasePlan readDatabase(String name, NodeTuple tuple, String label) {
        if (tuple == null) {
            return new DatabasePlan(name, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), source.name(),
                    Optional.empty());
        }
        SourcePosition position = source.position(tuple.getKeyNode());
        Map<String, NodeTuple> settings = yaml.settings(tuple.getValueNode(), label, "in '" + label + "'", DATABASE_KEYS);
        OptionalInt max = yaml.wholeNumber(settings, MAX_CONNECTIONS, label + "." + MAX_CONNECTIONS, CountRange.CONNECTIONS);
        OptionalInt reserved = yaml.wholeNumber(settings, RESERVED_CONNECTIONS, label + "." + RESERVED_CONNECTIONS, CountRange.CONNECTIONS_OR_NONE);
        if (max.isPresent() && reserved.isPresent() && reserved.getAsInt() >= max.getAsInt()) {
            throw source.error(settings.get(RESERVED_CONNECTIONS).getValueNode(), label + "."
                    + RESERVED_CONNECTIONS + " (" + reserved.getAsInt() + ") must be less than "
                    + MAX_CONNECTIONS + " (" + max.getAsInt() + "): nothing would be left for the services");
        }
        Optional<PgBouncerConfig> pooler = Optional.ofNullable(settings.get(PGBOUNCER))
                .map(p -> readPooler(p.getValueNode(), label + "." + PGBOUNCER));
        return new DatabasePlan(name, max, reserved, pooler, source.name(), Optional.of(position));
    }

    private PgBouncerConfig readPooler(Node value, String label) {
        if (value instanceof ScalarNode scalar && !isNull(value)) {
            Path ini = Path.of(source.name()).resolveSibling(scalar.getValue().strip());
            return PgBouncerIniReader.load(ini);
        }
        Map<String, NodeTuple> settings = yaml.settings(value, label, "in '" + label + "'", PgBouncerSettings.YAML_KEYS);
        PgBouncerSettings pgbouncer = new PgBouncerSettings(source.name() + " (" + label + ")");
        settings.forEach((key, tuple) -> {
            Node node = tuple.getValueNode();
            String text = node instanceof ScalarNode s ? s.getValue() : describe(node);
            pgbouncer.set(key, text, problem -> source.error(node, label + "." + key + " " + problem));
        });
        return pgbouncer.build();
    }

    private List<ServicePlan> readServices(NodeTuple services, List<DatabasePlan> databases, boolean named) {
        Node value = services.getValueNode();
        if (value instanceof SequenceNode) {
            throw source.error(value, "'" + SERVICES + "' must map each service's name to its settings, got a list "
                    + "(write 'auth-service:' rather than '- name: auth-service')");
        }
        if (isNull(value) || value instanceof MappingNode m && m.getValue().isEmpty()) {
            throw source.error(services.getKeyNode(), "'" + SERVICES + "' is empty: list at least one service");
        }
        if (!(value instanceof MappingNode mapping)) {
            throw source.error(value, "'" + SERVICES + "' must map each service's name to its settings, got "
                    + describe(value));
        }
        List<ServicePlan> fleet = new ArrayList<>();
        for (NodeTuple service : yaml.entries(mapping, "in '" + SERVICES + "'", null, false, "service").values()) {
            fleet.add(readService(service, databases, named));
        }
        return fleet;
    }

    private ServicePlan readService(NodeTuple tuple, List<DatabasePlan> databases, boolean named) {
        Node keyNode = tuple.getKeyNode();
        String name = ((ScalarNode) keyNode).getValue().strip();
        if (name.isEmpty()) {
            throw source.error(keyNode, "a service needs a name");
        }
        requirePrintable(keyNode, "a service name", name);
        Map<String, NodeTuple> settings = yaml.settings(tuple.getValueNode(), "service '" + name + "'",
                "in service '" + name + "'", SERVICE_KEYS);
        Optional<ServicePreset> preset = ServicePreset.find(name);

        int replicas = yaml.wholeNumber(settings, REPLICAS, name + "." + REPLICAS, CountRange.PODS).orElse(1);
        int maxReplicas = yaml.wholeNumber(settings, MAX_REPLICAS, name + "." + MAX_REPLICAS, CountRange.PODS).orElse(replicas);
        if (maxReplicas < replicas) {
            throw source.error(settings.get(MAX_REPLICAS).getValueNode(), name + "." + MAX_REPLICAS + " (" + maxReplicas
                    + ") is less than " + REPLICAS + " (" + replicas + "): the autoscaler's ceiling cannot be below the normal count");
        }

        OptionalInt maxGiven = yaml.wholeNumber(settings, MAX_CONNECTIONS, name + "." + MAX_CONNECTIONS, CountRange.CONNECTIONS);
        OptionalInt minGiven = yaml.wholeNumber(settings, MIN_CONNECTIONS, name + "." + MIN_CONNECTIONS, CountRange.CONNECTIONS_OR_NONE);
        if (preset.isEmpty() && maxGiven.isEmpty()) {
            String hint = ClosestMatch.among(name, ServicePreset.all().stream().map(ServicePreset::service).toList())
                    .map(p -> "; did you mean the preset '" + p + "'?")
                    .orElse("; give it " + MAX_CONNECTIONS + " (and " + MIN_CONNECTIONS + "), or use a preset name"
                            + " (dbpool plan --presets lists them)");
            throw source.error(keyNode, "'" + name + "' is not a preset and has no " + MAX_CONNECTIONS + hint);
        }
        int max = maxGiven.isPresent() ? maxGiven.getAsInt() : preset.get().maxConnections();
        int min;
        if (minGiven.isPresent()) {
            min = minGiven.getAsInt();
            if (min > max) {
                String whose = maxGiven.isPresent() ? "" : ", the preset's";
                throw source.error(settings.get(MIN_CONNECTIONS).getValueNode(), name + "." + MIN_CONNECTIONS + " (" + min
                        + ") is greater than " + MAX_CONNECTIONS + " (" + max + whose + ")");
            }
        } else {
            // As HikariCP does with minimumIdle > maximumPoolSize: a lowered max takes the default min down with it.
            int defaultMin = preset.map(ServicePreset::minConnections).orElse(ServicePreset.DEFAULT_MIN_CONNECTIONS);
            min = Math.min(defaultMin, max);
        }

        Optional<BigDecimal> peakQps = yaml.positiveNumber(settings, PEAK_QPS, name + "." + PEAK_QPS);
        Optional<BigDecimal> holdMs = yaml.positiveNumber(settings, HOLD_MS, name + "." + HOLD_MS);
        if (peakQps.isPresent() != holdMs.isPresent()) {
            String given = peakQps.isPresent() ? PEAK_QPS : HOLD_MS;
            String missing = peakQps.isPresent() ? HOLD_MS : PEAK_QPS;
            throw source.error(settings.get(given).getKeyNode(), name + "." + given + " needs " + missing
                    + " as well: the Little's-law size is peak_qps x hold_ms");
        }
        Optional<Traffic> traffic = peakQps.map(qps -> new Traffic(qps, holdMs.get()));

        OptionalDouble threshold = OptionalDouble.empty();
        Optional<BigDecimal> thresholdGiven = yaml.positiveNumber(settings, BACKPRESSURE_THRESHOLD,
                name + "." + BACKPRESSURE_THRESHOLD);
        if (thresholdGiven.isPresent()) {
            if (thresholdGiven.get().compareTo(BigDecimal.ONE) > 0) {
                throw source.error(settings.get(BACKPRESSURE_THRESHOLD).getValueNode(), name + "."
                        + BACKPRESSURE_THRESHOLD + " must be above 0 and at most 1 (a share of the pool max), got "
                        + thresholdGiven.get().toPlainString());
            }
            threshold = OptionalDouble.of(thresholdGiven.get().doubleValue());
        }
        String database = readServiceDatabase(name, keyNode, settings, databases, named);
        Optional<String> user = yaml.name(settings, USER, name + "." + USER);
        return new ServicePlan(name, preset.isPresent(), replicas, maxReplicas, max, min, traffic, threshold,
                database, user, Surge.NONE, Optional.of(source.position(keyNode)), Optional.empty());
    }

    /** Names go into tables, metrics and application_name: a control character (a NUL, a newline) would break them. */
    private void requirePrintable(Node node, String what, String name) {
        if (name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            throw source.error(node, what + " must be printable, got '" + SourceText.printable(name)
                    + "' (control characters shown as ?)");
        }
    }

    private String readServiceDatabase(String service, Node keyNode, Map<String, NodeTuple> settings,
                                       List<DatabasePlan> databases, boolean named) {
        List<String> names = databases.stream().map(DatabasePlan::name).toList();
        Optional<String> given = yaml.name(settings, DATABASE, service + "." + DATABASE);
        if (given.isEmpty()) {
            if (names.size() == 1) {
                return names.get(0);
            }
            throw source.error(keyNode, service + " needs '" + DATABASE + ": NAME', one of " + String.join(", ", names));
        }
        Node node = settings.get(DATABASE).getValueNode();
        if (!named) {
            throw source.error(node, service + "." + DATABASE + " names a database, but this file has one ('"
                    + DATABASE + ":'); declare several under '" + DATABASES + ":'");
        }
        if (!names.contains(given.get())) {
            String hint = ClosestMatch.among(given.get(), names).map(d -> "; did you mean '" + d + "'?")
                    .orElse("; the databases are " + String.join(", ", names));
            throw source.error(node, service + "." + DATABASE + ": unknown database '" + given.get() + "'" + hint);
        }
        return given.get();
    }
}
