package dev.dbpool.plan;

import dev.dbpool.plan.engine.ClosestMatch;
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

import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The one YAML reader of the plan: SnakeYAML's node API over a {@link SourceText}, so that every value
 * keeps its position and every problem is {@code FILE:LINE:COLUMN: what is wrong}. It composes
 * documents (one, or all of a multi-document stream), and reads typed values out of mappings with
 * messages that name the key: wrong types, out-of-range numbers, unknown keys with the closest valid
 * one, duplicates with the line of the first.
 */
final class PositionedYaml {

    /** Keys with this prefix are left to the user (anchors, tooling) where a reader allows extensions. */
    static final String EXTENSION_PREFIX = "x-";

    private final SourceText source;
    private final YamlScalars scalars = new YamlScalars();

    PositionedYaml(SourceText source) {
        this.source = source;
    }

    SourceText source() {
        return source;
    }

    /** Every document of the stream, empty documents left out. */
    List<Node> documents() {
        try {
            List<Node> documents = new ArrayList<>();
            for (Node node : new Yaml(loaderOptions()).composeAll(new StringReader(source.text()))) {
                if (node != null && !isNull(node)) {
                    documents.add(node);
                }
            }
            return documents;
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (ReaderException e) {
            throw source.positionOfCodePoint(e.getPosition()).error(String.format(
                    "not a YAML text file: character U+%04X is not allowed in YAML", e.getCodePoint()));
        } catch (YAMLException e) {
            throw source.error("invalid YAML: " + e.getMessage());
        }
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        // Duplicates are reported by entries(), with both positions, instead of SnakeYAML's generic message.
        options.setAllowDuplicateKeys(true);
        return options;
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

    /** The entries of a settings mapping; an empty value ({@code auth-service:}) means "all defaults". */
    Map<String, NodeTuple> settings(Node value, String what, String where, List<String> validKeys) {
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
    Map<String, NodeTuple> entries(MappingNode mapping, String where, List<String> validKeys,
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

    /** The value of {@code key} in a mapping, leniently (unknown keys are someone else's: Kubernetes has many). */
    static Optional<Node> child(Node node, String key) {
        if (!(node instanceof MappingNode mapping)) {
            return Optional.empty();
        }
        Node found = null;
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                found = tuple.getValueNode(); // the last wins, as the API server's JSON decoding does
            }
        }
        return Optional.ofNullable(found).filter(n -> !isNull(n));
    }

    /** {@code child(child(node, a), b)...}. */
    static Optional<Node> path(Node node, String... keys) {
        Optional<Node> at = Optional.of(node);
        for (String key : keys) {
            at = at.flatMap(n -> child(n, key));
        }
        return at;
    }

    /** A scalar's text, or an error naming {@code label} when the node is a mapping or a list. */
    String text(Node node, String label) {
        if (!(node instanceof ScalarNode scalar)) {
            throw source.error(node, label + " must be a string, got " + describe(node));
        }
        return scalar.getValue();
    }

    /** The entries of a list, or an error naming {@code label}. */
    List<Node> list(Node node, String label) {
        if (!(node instanceof SequenceNode sequence)) {
            throw source.error(node, label + " must be a list, got " + describe(node));
        }
        return sequence.getValue();
    }

    OptionalInt wholeNumber(Map<String, NodeTuple> settings, String key, String label, int minimum) {
        NodeTuple tuple = settings.get(key);
        return tuple == null ? OptionalInt.empty() : OptionalInt.of(wholeNumber(tuple.getValueNode(), label, minimum));
    }

    /** A whole number of at least {@code minimum} (0 or 1) that fits an int. */
    int wholeNumber(Node node, String label, int minimum) {
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
        return number.intValue();
    }

    Optional<BigDecimal> positiveNumber(Map<String, NodeTuple> settings, String key, String label) {
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

    /** A non-empty string value, e.g. a name. */
    Optional<String> name(Map<String, NodeTuple> settings, String key, String label) {
        NodeTuple tuple = settings.get(key);
        if (tuple == null) {
            return Optional.empty();
        }
        Node node = tuple.getValueNode();
        if (!(node instanceof ScalarNode scalar) || isNull(node) || scalar.getValue().isBlank()) {
            throw source.error(node, label + " must be a name, got " + describe(node));
        }
        return Optional.of(scalar.getValue().strip());
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

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    static String describe(Node node) {
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
