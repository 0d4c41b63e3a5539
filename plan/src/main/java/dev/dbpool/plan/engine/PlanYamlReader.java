package dev.dbpool.plan.engine;

import dev.dbpool.runtime.ServicePreset;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanException;
import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.SourcePosition;
import dev.dbpool.plan.Traffic;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Reads a {@code services.yaml} through SnakeYAML's node API, so that every value keeps its position
 * and every problem is reported as {@code FILE:LINE:COLUMN: what is wrong}: syntax errors, unknown
 * keys (with the closest valid one), wrong types, sizes out of range, {@code min > max}, duplicate
 * names, a name that is neither a preset nor sized.
 *
 * <p>Top-level keys starting with {@code x-} are ignored, so a file can hold YAML anchors for shared
 * settings ({@code x-defaults: &defaults}) and merge them with {@code <<: *defaults}.
 */
public final class PlanYamlReader {

    public static final String DATABASE = "database";
    public static final String SERVICES = "services";
    public static final String MAX_CONNECTIONS = "max_connections";
    public static final String RESERVED_CONNECTIONS = "reserved_connections";
    public static final String REPLICAS = "replicas";
    public static final String MAX_REPLICAS = "max_replicas";
    public static final String MIN_CONNECTIONS = "min_connections";
    public static final String PEAK_QPS = "peak_qps";
    public static final String HOLD_MS = "hold_ms";
    public static final String BACKPRESSURE_THRESHOLD = "backpressure_threshold";
    /** Top-level keys with this prefix are left to the user (anchors, tooling). */
    public static final String EXTENSION_PREFIX = "x-";

    static final List<String> TOP_LEVEL_KEYS = List.of(DATABASE, SERVICES);
    static final List<String> DATABASE_KEYS = List.of(MAX_CONNECTIONS, RESERVED_CONNECTIONS);
    static final List<String> SERVICE_KEYS = List.of(REPLICAS, MAX_REPLICAS, MAX_CONNECTIONS, MIN_CONNECTIONS,
            PEAK_QPS, HOLD_MS, BACKPRESSURE_THRESHOLD);

    /** A services file is a page of YAML; anything this large is the wrong file. */
    private static final long MAX_FILE_BYTES = 1 << 20;

    private final SourceText source;
    private final YamlScalars scalars = new YamlScalars();

    private PlanYamlReader(SourceText source) {
        this.source = source;
    }

    /** Reads and parses {@code file}; every failure, including a missing file, is a {@link PlanException}. */
    public static FleetPlan load(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw PlanException.inFile(name, "is a directory, not a services file");
        }
        if (!Files.exists(file)) {
            throw PlanException.inFile(name, "no such file");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw PlanException.inFile(name, "is " + Files.size(file) + " bytes; a services file is YAML of at most "
                        + MAX_FILE_BYTES + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw PlanException.inFile(name, "permission denied");
        } catch (IOException e) {
            throw PlanException.inFile(name, "cannot be read: " + e.getMessage());
        }
        return parse(name, decodeUtf8(name, bytes));
    }

    /** Parses YAML text; {@code name} is used in every message. */
    public static FleetPlan parse(String name, String text) {
        String withoutBom = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new PlanYamlReader(new SourceText(name, withoutBom)).read();
    }

    /** YAML is UTF-8 here; a binary file is refused with the position of its first undecodable byte. */
    private static String decodeUtf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw PlanException.at(name, line, offset - lineStart + 1, String.format(
                    "not a YAML text file: byte 0x%02X is not UTF-8", bytes[offset] & 0xff), null);
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private FleetPlan read() {
        Node root = compose();
        if (root == null) {
            throw source.error("the file is empty: expected '" + DATABASE + "' and '" + SERVICES + "'");
        }
        if (!(root instanceof MappingNode rootMapping)) {
            throw source.error(root, "not a services file: expected a mapping with '" + DATABASE + "' and '" + SERVICES + "', got "
                    + describe(root));
        }
        Map<String, NodeTuple> top = entries(rootMapping, "at the top level", TOP_LEVEL_KEYS, true, "key");

        OptionalInt maxConnections = OptionalInt.empty();
        OptionalInt reservedConnections = OptionalInt.empty();
        SourcePosition databasePosition = null;
        NodeTuple database = top.get(DATABASE);
        if (database != null) {
            databasePosition = source.position(database.getKeyNode());
            Map<String, NodeTuple> settings = settings(database.getValueNode(), DATABASE, "in '" + DATABASE + "'",
                    DATABASE_KEYS);
            maxConnections = wholeNumber(settings, MAX_CONNECTIONS, DATABASE + "." + MAX_CONNECTIONS, 1);
            reservedConnections = wholeNumber(settings, RESERVED_CONNECTIONS, DATABASE + "." + RESERVED_CONNECTIONS, 0);
            if (maxConnections.isPresent() && reservedConnections.isPresent()
                    && reservedConnections.getAsInt() >= maxConnections.getAsInt()) {
                throw source.error(settings.get(RESERVED_CONNECTIONS).getValueNode(), DATABASE + "."
                        + RESERVED_CONNECTIONS + " (" + reservedConnections.getAsInt() + ") must be less than "
                        + MAX_CONNECTIONS + " (" + maxConnections.getAsInt() + "): nothing would be left for the services");
            }
        }

        NodeTuple services = top.get(SERVICES);
        if (services == null) {
            throw source.error(root, "missing '" + SERVICES + "': list the fleet's services under it");
        }
        List<ServicePlan> fleet = readServices(services);
        return new FleetPlan(source.name(), maxConnections, reservedConnections, fleet, databasePosition);
    }

    private Node compose() {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        // Duplicates are reported below, with both positions, instead of SnakeYAML's generic message.
        options.setAllowDuplicateKeys(true);
        try {
            return new Yaml(options).compose(new StringReader(source.text()));
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (ReaderException e) {
            throw source.positionOfCodePoint(e.getPosition()).error(String.format(
                    "not a YAML text file: character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YAMLException e) {
            throw source.error("invalid YAML: " + e.getMessage());
        }
    }

    private PlanException syntaxError(MarkedYAMLException e) {
        Mark problemMark = e.getProblemMark();
        Mark contextMark = e.getContextMark();
        String problem = e.getProblem() == null ? "" : e.getProblem().strip();
        String context = e.getContext() == null ? null : e.getContext().strip();
        String message;
        if (context == null || context.isEmpty()) {
            message = problem;
        } else if (context.startsWith("while") && contextMark != null) {
            message = problem + " (" + context + " that starts at line " + (contextMark.getLine() + 1)
                    + ", column " + (contextMark.getColumn() + 1) + ")";
        } else {
            message = context + ", " + problem;
        }
        Mark at = problemMark != null ? problemMark : contextMark;
        return at == null ? source.error("invalid YAML: " + message) : source.error(at, "invalid YAML: " + message);
    }

    private List<ServicePlan> readServices(NodeTuple services) {
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
        for (NodeTuple service : entries(mapping, "in '" + SERVICES + "'", null, false, "service").values()) {
            fleet.add(readService(service));
        }
        return fleet;
    }

    private ServicePlan readService(NodeTuple tuple) {
        Node keyNode = tuple.getKeyNode();
        String name = ((ScalarNode) keyNode).getValue().strip();
        if (name.isEmpty()) {
            throw source.error(keyNode, "a service needs a name");
        }
        Map<String, NodeTuple> settings = settings(tuple.getValueNode(), "service '" + name + "'",
                "in service '" + name + "'", SERVICE_KEYS);
        Optional<ServicePreset> preset = ServicePreset.find(name);

        int replicas = wholeNumber(settings, REPLICAS, name + "." + REPLICAS, 1).orElse(1);
        int maxReplicas = wholeNumber(settings, MAX_REPLICAS, name + "." + MAX_REPLICAS, 1).orElse(replicas);
        if (maxReplicas < replicas) {
            throw source.error(settings.get(MAX_REPLICAS).getValueNode(), name + "." + MAX_REPLICAS + " (" + maxReplicas
                    + ") is less than " + REPLICAS + " (" + replicas + "): the autoscaler's ceiling cannot be below the normal count");
        }

        OptionalInt maxGiven = wholeNumber(settings, MAX_CONNECTIONS, name + "." + MAX_CONNECTIONS, 1);
        OptionalInt minGiven = wholeNumber(settings, MIN_CONNECTIONS, name + "." + MIN_CONNECTIONS, 0);
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

        Optional<BigDecimal> peakQps = positiveNumber(settings, PEAK_QPS, name + "." + PEAK_QPS);
        Optional<BigDecimal> holdMs = positiveNumber(settings, HOLD_MS, name + "." + HOLD_MS);
        if (peakQps.isPresent() != holdMs.isPresent()) {
            String given = peakQps.isPresent() ? PEAK_QPS : HOLD_MS;
            String missing = peakQps.isPresent() ? HOLD_MS : PEAK_QPS;
            throw source.error(settings.get(given).getKeyNode(), name + "." + given + " needs " + missing
                    + " as well: the Little's-law size is peak_qps x hold_ms");
        }
        Optional<Traffic> traffic = peakQps.map(qps -> new Traffic(qps, holdMs.get()));

        OptionalDouble threshold = OptionalDouble.empty();
        Optional<BigDecimal> thresholdGiven = positiveNumber(settings, BACKPRESSURE_THRESHOLD,
                name + "." + BACKPRESSURE_THRESHOLD);
        if (thresholdGiven.isPresent()) {
            if (thresholdGiven.get().compareTo(BigDecimal.ONE) > 0) {
                throw source.error(settings.get(BACKPRESSURE_THRESHOLD).getValueNode(), name + "."
                        + BACKPRESSURE_THRESHOLD + " must be above 0 and at most 1 (a share of max_connections), got "
                        + thresholdGiven.get().toPlainString());
            }
            threshold = OptionalDouble.of(thresholdGiven.get().doubleValue());
        }
        return new ServicePlan(name, preset.isPresent(), replicas, maxReplicas, max, min, traffic, threshold);
    }

    /** The entries of a settings mapping; an empty value ({@code auth-service:}) means "all defaults". */
    private Map<String, NodeTuple> settings(Node value, String what, String where, List<String> validKeys) {
        if (isNull(value)) {
            return Map.of();
        }
        if (!(value instanceof MappingNode mapping)) {
            throw source.error(value, what + " must be a mapping of settings (" + String.join(", ", validKeys)
                    + "), got " + describe(value));
        }
        return entries(mapping, where, validKeys, false, "key");
    }

    /**
     * The mapping's entries by key, in order, refusing non-scalar keys, duplicates and (when
     * {@code validKeys} is given) unknown keys with the closest valid key suggested.
     */
    private Map<String, NodeTuple> entries(MappingNode mapping, String where, List<String> validKeys,
                                           boolean allowExtensions, String duplicateWhat) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalarKey) || isNull(keyNode)) {
                throw source.error(keyNode, "a key " + where + " must be a name, got " + describe(keyNode));
            }
            String key = scalarKey.getValue();
            NodeTuple first = entries.get(key);
            if (first != null) {
                throw source.error(keyNode, "duplicate " + duplicateWhat + " '" + key + "' " + where
                        + " (first at line " + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
            }
            if (validKeys != null && !validKeys.contains(key) && !(allowExtensions && key.startsWith(EXTENSION_PREFIX))) {
                String hint = ClosestMatch.among(key, validKeys)
                        .map(k -> "; did you mean '" + k + "'?")
                        .orElse("; valid keys are " + String.join(", ", validKeys));
                throw source.error(keyNode, "unknown key '" + key + "' " + where + hint);
            }
            entries.put(key, tuple);
        }
        return entries;
    }

    private OptionalInt wholeNumber(Map<String, NodeTuple> settings, String key, String label, int minimum) {
        NodeTuple tuple = settings.get(key);
        if (tuple == null) {
            return OptionalInt.empty();
        }
        Node node = tuple.getValueNode();
        String range = minimum == 1 ? "a positive whole number" : "a whole number, 0 or more";
        Object value = scalarValue(node, label, range);
        BigInteger number;
        if (value instanceof Integer || value instanceof Long) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else {
            throw wrongType(node, label, range, value);
        }
        if (number.compareTo(BigInteger.valueOf(minimum)) < 0) {
            throw source.error(node, label + " must be " + range + ", got " + number);
        }
        if (number.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw source.error(node, label + " must be " + range + " that fits a connection count, got " + number);
        }
        return OptionalInt.of(number.intValue());
    }

    private Optional<BigDecimal> positiveNumber(Map<String, NodeTuple> settings, String key, String label) {
        NodeTuple tuple = settings.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        Node node = tuple.getValueNode();
        String range = "a positive number";
        Object value = scalarValue(node, label, range);
        BigDecimal number;
        if (value instanceof Integer || value instanceof Long) {
            number = BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = new BigDecimal(big);
        } else if (value instanceof Double d && Double.isFinite(d)) {
            number = BigDecimal.valueOf(d);
        } else {
            throw wrongType(node, label, range, value);
        }
        if (number.signum() <= 0) {
            throw source.error(node, label + " must be " + range + ", got " + number.toPlainString());
        }
        return Optional.of(number);
    }

    private Object scalarValue(Node node, String label, String range) {
        if (!(node instanceof ScalarNode scalar)) {
            throw source.error(node, label + " must be " + range + ", got " + describe(node));
        }
        try {
            return scalars.valueOf(scalar);
        } catch (YAMLException e) {
            throw source.error(node, label + " must be " + range + ", got '" + scalar.getValue() + "'");
        }
    }

    private PlanException wrongType(Node node, String label, String range, Object value) {
        String text = ((ScalarNode) node).getValue();
        if (value == null) {
            return source.error(node, label + " has no value: give " + range);
        }
        if (value instanceof String s && looksNumeric(s)) {
            return source.error(node, label + " must be " + range + ", got the string '" + s + "' (remove the quotes)");
        }
        String kind = value instanceof String ? "the string " : value instanceof Boolean ? "the boolean " : "";
        return source.error(node, label + " must be " + range + ", got " + kind + "'" + text + "'");
    }

    private static boolean looksNumeric(String s) {
        return s.strip().matches("[-+]?[0-9][0-9_]*(\\.[0-9]*)?");
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        String text = ((ScalarNode) node).getValue();
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "'" + shown.replace("\n", " ") + "'";
    }
}
