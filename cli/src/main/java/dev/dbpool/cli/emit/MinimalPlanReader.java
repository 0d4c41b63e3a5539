package dev.dbpool.cli.emit;

import dev.dbpool.cli.CliException;
import dev.dbpool.rules.ConnectionBudget;
import dev.dbpool.rules.Fleet;
import dev.dbpool.rules.ServicePool;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.ServicePreset;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads only the fields of {@code services.yaml} that the alert rules use (DESIGN §3):
 * {@code database.max_connections}, {@code database.reserved_connections} (default 20 % of max,
 * rounded down), and per service {@code max_connections} (default: the preset; required for a
 * name that is not a preset) and {@code backpressure_threshold} (default 0.85). Every other key
 * is left to {@code dbpool plan} to validate. Errors say {@code FILE:LINE:COL: what is wrong}.
 */
public final class MinimalPlanReader implements PlanReader {

    static final int DEFAULT_RESERVED_PERCENT = 20;

    @Override
    public Fleet read(Path planFile) {
        Node root = parse(planFile);
        Source source = new Source(planFile);
        MappingNode top = source.mapping(root, "the plan", "a mapping with 'database:' and 'services:'");
        MappingNode database = source.mapping(source.required(top, "database", root), "database",
                "a mapping with 'max_connections:'");
        Node maxNode = source.required(database, "max_connections", database);
        int maxConnections = source.positiveInt(maxNode, "database.max_connections");
        int reserved = source.child(database, "reserved_connections")
                .map(node -> source.nonNegativeInt(node, "database.reserved_connections"))
                .orElse(maxConnections * DEFAULT_RESERVED_PERCENT / 100);
        if (reserved >= maxConnections) {
            throw source.error(source.child(database, "reserved_connections").orElse(maxNode),
                    "database.reserved_connections (" + reserved + ") must be less than max_connections (" + maxConnections + ")");
        }
        List<ServicePool> services = new ArrayList<>();
        Optional<Node> servicesNode = source.child(top, "services");
        if (servicesNode.isPresent() && !source.isNull(servicesNode.get())) {
            MappingNode servicesMap = source.mapping(servicesNode.get(), "services", "a mapping of service names");
            Set<String> seen = new HashSet<>();
            for (NodeTuple entry : servicesMap.getValue()) {
                String name = source.text(entry.getKeyNode(), "a service name");
                if (!seen.add(name)) {
                    throw source.error(entry.getKeyNode(), "duplicate service '" + name + "'");
                }
                services.add(service(source, name, entry.getValueNode()));
            }
        }
        return Fleet.fromPlan(planFile.getFileName().toString(), new ConnectionBudget(maxConnections, reserved), services);
    }

    private static ServicePool service(Source source, String name, Node value) {
        String where = "services." + name;
        Optional<MappingNode> fields = source.isNull(value) ? Optional.empty()
                : Optional.of(source.mapping(value, where, "a mapping of the service's settings"));
        Optional<Node> maxNode = fields.flatMap(f -> source.child(f, "max_connections"));
        int max;
        if (maxNode.isPresent()) {
            max = source.positiveInt(maxNode.get(), where + ".max_connections");
        } else if (ServicePreset.find(name).isPresent()) {
            max = ServicePreset.forService(name).maxConnections();
        } else {
            throw source.error(value, where + ".max_connections is required: '" + name + "' is not a preset ("
                    + String.join(", ", ServicePreset.all().stream().map(ServicePreset::service).toList()) + ")");
        }
        double threshold = fields.flatMap(f -> source.child(f, "backpressure_threshold"))
                .map(node -> source.ratio(node, where + ".backpressure_threshold"))
                .orElse(BackpressureConfig.DEFAULT_THRESHOLD);
        return new ServicePool(name, max, threshold);
    }

    private static Node parse(Path planFile) {
        try (Reader reader = Files.newBufferedReader(planFile, StandardCharsets.UTF_8)) {
            Node root = new Yaml(new LoaderOptions()).compose(reader);
            if (root == null) {
                throw CliException.usage(planFile + ": the plan is empty; it needs 'database:' and 'services:'");
            }
            return root;
        } catch (NoSuchFileException e) {
            throw CliException.usage(planFile + ": no such file");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw CliException.usage(planFile + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": "
                    + (e.getProblem() != null ? e.getProblem() : e.getMessage()), e);
        } catch (YAMLException e) {
            throw CliException.usage(planFile + ": not YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw CliException.usage(planFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Typed access to the node tree, with errors that point at the node. */
    private record Source(Path file) {

        CliException error(Node node, String message) {
            Mark mark = node.getStartMark();
            return CliException.usage(file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + message);
        }

        boolean isNull(Node node) {
            return node.getTag().equals(Tag.NULL);
        }

        MappingNode mapping(Node node, String what, String expected) {
            if (node instanceof MappingNode mapping) {
                return mapping;
            }
            throw error(node, what + " must be " + expected);
        }

        Optional<Node> child(MappingNode mapping, String key) {
            Node found = null;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
                    if (found != null) {
                        throw error(tuple.getKeyNode(), "duplicate key '" + key + "'");
                    }
                    found = tuple.getValueNode();
                }
            }
            return Optional.ofNullable(found);
        }

        Node required(MappingNode mapping, String key, Node parent) {
            return child(mapping, key).orElseThrow(() -> error(parent, "'" + key + "' is required"));
        }

        String text(Node node, String what) {
            if (node instanceof ScalarNode scalar && !isNull(node)) {
                return scalar.getValue();
            }
            throw error(node, "expected " + what);
        }

        int positiveInt(Node node, String what) {
            int value = integer(node, what);
            if (value < 1) {
                throw error(node, what + " must be a positive integer, got " + value);
            }
            return value;
        }

        int nonNegativeInt(Node node, String what) {
            int value = integer(node, what);
            if (value < 0) {
                throw error(node, what + " must not be negative, got " + value);
            }
            return value;
        }

        double ratio(Node node, String what) {
            String raw = text(node, what);
            try {
                double value = Double.parseDouble(raw);
                if (value >= 0.0 && value <= 1.0) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(node, what + " must be a number from 0.0 to 1.0, got '" + raw + "'");
        }

        private int integer(Node node, String what) {
            String raw = node instanceof ScalarNode scalar ? scalar.getValue() : null;
            if (raw != null && node.getTag().equals(Tag.INT)) {
                try {
                    return Integer.parseInt(raw.replace("_", ""));
                } catch (NumberFormatException e) {
                    // too large: reported below
                }
            }
            throw error(node, what + " must be an integer, got " + (raw == null ? "a " + node.getNodeId() : "'" + raw + "'"));
        }
    }
}
