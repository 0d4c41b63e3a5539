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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
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

    /** What a document may expand to through aliases: far above any fleet, far below what would hang. */
    static final long MAX_EXPANDED_NODES = 2_000_000;

    /** The largest traffic figure taken ({@code peak_qps}, {@code hold_ms}). */
    private static final BigDecimal MAX_FIGURE = BigDecimal.valueOf(1, -15);

    private final SourceText source;
    private final YamlScalars scalars = new YamlScalars();

    PositionedYaml(SourceText source) {
        this.source = source;
    }

    SourceText source() {
        return source;
    }

    /**
     * Every document of the stream, empty documents left out. Aliases and merge keys ({@code <<: *web})
     * are allowed as often as a realistic fleet needs them; what they expand to is bounded first
     * ({@link #refuseAliasBombs}), on the stream composed without merging, so that a small file cannot
     * make the merge or the readers walk billions of nodes.
     */
    List<Node> documents() {
        try {
            for (Node node : new Yaml(loaderOptions(false)).composeAll(new StringReader(source.text()))) {
                refuseAliasBombs(node);
            }
            List<Node> documents = new ArrayList<>();
            for (Node node : new Yaml(loaderOptions(true)).composeAll(new StringReader(source.text()))) {
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

    private static LoaderOptions loaderOptions(boolean merge) {
        LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(merge);
        // SnakeYAML's default (50 aliases of collections) refuses 60 services merging one anchor, without a
        // position; the bound that matters is on what the aliases expand to, checked by refuseAliasBombs.
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        // Duplicates are reported by entries(), with both positions, instead of SnakeYAML's generic message.
        options.setAllowDuplicateKeys(true);
        return options;
    }

    /**
     * Refuses a document whose tree, with every alias expanded, has more than {@link #MAX_EXPANDED_NODES}
     * nodes (a "billion laughs"), or where an alias is inside the node it refers to; the error is at the
     * smallest value that expands too far. Sizes are counted once per distinct node, so this costs no
     * more than the document itself.
     */
    private void refuseAliasBombs(Node document) {
        if (document == null) {
            return;
        }
        Map<Node, Long> sizes = new IdentityHashMap<>();
        Set<Node> open = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(document);
        while (!stack.isEmpty()) {
            Node node = stack.peek();
            if (sizes.containsKey(node)) {
                stack.pop();
                continue;
            }
            List<Node> children = children(node);
            if (open.add(node)) {
                for (Node child : children) {
                    if (open.contains(child) && !sizes.containsKey(child)) {
                        throw source.error(child, "a YAML alias refers to the value that contains it: it would never end");
                    }
                    if (!sizes.containsKey(child)) {
                        stack.push(child);
                    }
                }
                continue;
            }
            long size = 1;
            for (Node child : children) {
                size = Math.min(MAX_EXPANDED_NODES + 1, size + sizes.get(child));
            }
            if (size > MAX_EXPANDED_NODES) {
                throw source.error(node, "this value expands to more than " + MAX_EXPANDED_NODES + " values through "
                        + "YAML aliases (an alias bomb?); a fleet's file is far smaller");
            }
            sizes.put(node, size);
            stack.pop();
        }
    }

    private static List<Node> children(Node node) {
        if (node instanceof MappingNode mapping) {
            List<Node> children = new ArrayList<>(2 * mapping.getValue().size());
            for (NodeTuple tuple : mapping.getValue()) {
                children.add(tuple.getKeyNode());
                children.add(tuple.getValueNode());
            }
            return children;
        }
        return node instanceof SequenceNode sequence ? sequence.getValue() : List.of();
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

    OptionalInt wholeNumber(Map<String, NodeTuple> settings, String key, String label, CountRange range) {
        NodeTuple tuple = settings.get(key);
        return tuple == null ? OptionalInt.empty() : OptionalInt.of(wholeNumber(tuple.getValueNode(), label, range));
    }

    /** A whole number within {@code range}; the error names the label, the range and what was given. */
    int wholeNumber(Node node, String label, CountRange range) {
        Object value = scalarValue(node, label, range.kind());
        BigInteger number;
        if (value instanceof Integer || value instanceof Long) {
            number = BigInteger.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger big) {
            number = big;
        } else {
            throw wrongType(node, label, range.kind(), value);
        }
        if (number.compareTo(BigInteger.valueOf(range.minimum())) < 0) {
            throw source.error(node, label + " must be " + range.kind() + ", got " + number);
        }
        if (number.compareTo(BigInteger.valueOf(range.maximum())) > 0) {
            throw source.error(node, label + " must be " + range.upperBound() + ", got " + number);
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
        if (number.compareTo(MAX_FIGURE) > 0) {
            throw source.error(node, label + " must be at most 1e15 (a rate or a time beyond it is not a figure "
                    + "to size a pool by), got " + scalarText(node));
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

    private static String scalarText(Node node) {
        String text = ((ScalarNode) node).getValue();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
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
