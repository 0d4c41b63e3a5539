package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as the kubelet builds it, from the manifests at hand: {@code envFrom}
 * (ConfigMaps and Secrets, with their {@code prefix}, later sources over earlier ones) first, then
 * {@code env} over it, in order ({@code value} with {@code $(VAR)} references expanded against what is
 * defined before it, {@link VariableExpansion}; or {@code valueFrom.configMapKeyRef} / {@code secretKeyRef}).
 * A value whose source is not in the input ({@code fieldRef}, a ConfigMap or Secret not given, a
 * reference to such a value) is still a variable that is set, with an unknown value and the reason.
 * A Secret's values are secret: a problem with one is positioned without quoting its line.
 */
final class ContainerEnv {

    /** One variable: its value when known, where it was set, and why the value is unknown otherwise. */
    record Variable(String name, Optional<String> value, SourcePosition position, Optional<String> unknownBecause) {
    }

    private final Map<String, KubernetesObject> configMaps;
    private final Map<String, KubernetesObject> secrets;

    /** {@code configMaps} and {@code secrets} by {@code namespace/name}. */
    ContainerEnv(Map<String, KubernetesObject> configMaps, Map<String, KubernetesObject> secrets) {
        this.configMaps = configMaps;
        this.secrets = secrets;
    }

    Map<String, Variable> resolve(KubernetesObject workload, Node container) {
        PositionedYaml yaml = workload.yaml();
        Map<String, Variable> env = new LinkedHashMap<>();
        PositionedYaml.child(container, "envFrom").ifPresent(list -> {
            for (Node source : yaml.list(list, "envFrom")) {
                String prefix = PositionedYaml.child(source, "prefix").map(n -> yaml.text(n, "envFrom.prefix")).orElse("");
                Optional<Node> configMap = PositionedYaml.child(source, "configMapRef");
                Optional<Node> secret = PositionedYaml.child(source, "secretRef");
                if (configMap.isPresent()) {
                    fromAll(workload, configMap.get(), configMaps, "ConfigMap", prefix, env);
                } else if (secret.isPresent()) {
                    fromAll(workload, secret.get(), secrets, "Secret", prefix, env);
                }
            }
        });
        PositionedYaml.child(container, "env").ifPresent(list -> {
            for (Node entry : yaml.list(list, "env")) {
                Node nameNode = PositionedYaml.child(entry, "name")
                        .orElseThrow(() -> yaml.source().error(entry, "an env entry needs a name"));
                String name = yaml.text(nameNode, "env.name");
                env.put(name, value(workload, entry, name, env));
            }
        });
        return env;
    }

    private Variable value(KubernetesObject workload, Node entry, String name, Map<String, Variable> definedBefore) {
        PositionedYaml yaml = workload.yaml();
        Optional<Node> value = PositionedYaml.child(entry, "value");
        if (value.isPresent()) {
            SourcePosition at = workload.position(value.get());
            return expanded(name, yaml.text(value.get(), "env " + name + ".value"), at, definedBefore);
        }
        SourcePosition here = workload.position(PositionedYaml.child(entry, "valueFrom").orElse(entry));
        Optional<Node> configMapKey = PositionedYaml.path(entry, "valueFrom", "configMapKeyRef");
        Optional<Node> secretKey = PositionedYaml.path(entry, "valueFrom", "secretKeyRef");
        if (configMapKey.isPresent()) {
            return fromKey(workload, name, configMapKey.get(), configMaps, "ConfigMap", here);
        }
        if (secretKey.isPresent()) {
            return fromKey(workload, name, secretKey.get(), secrets, "Secret", here);
        }
        if (PositionedYaml.child(entry, "valueFrom").isEmpty()) {
            return new Variable(name, Optional.of(""), workload.position(entry), Optional.empty()); // set, empty
        }
        return new Variable(name, Optional.empty(), here, Optional.of("it is set at run time (valueFrom)"));
    }

    /** {@code $(VAR)} against the variables defined before; a reference to an unknown value makes this one unknown. */
    private static Variable expanded(String name, String text, SourcePosition at, Map<String, Variable> definedBefore) {
        String[] unknown = new String[1];
        String value = VariableExpansion.expand(text, reference -> {
            Variable referred = definedBefore.get(reference);
            if (referred == null) {
                return Optional.empty();
            }
            if (referred.value().isEmpty() && unknown[0] == null) {
                unknown[0] = "it refers to $(" + reference + "), and " + referred.unknownBecause().orElse("its value is unknown");
            }
            return Optional.of(referred.value().orElse(""));
        });
        return unknown[0] != null ? new Variable(name, Optional.empty(), at, Optional.of(unknown[0]))
                : new Variable(name, Optional.of(value), at, Optional.empty());
    }

    private static Variable fromKey(KubernetesObject workload, String name, Node ref, Map<String, KubernetesObject> index,
                                    String kind, SourcePosition here) {
        PositionedYaml yaml = workload.yaml();
        String source = PositionedYaml.child(ref, "name").map(n -> yaml.text(n, kind + " name")).orElse("");
        String key = PositionedYaml.child(ref, "key").map(n -> yaml.text(n, kind + " key")).orElse(name);
        KubernetesObject object = index.get(workload.namespace() + "/" + source);
        if (object == null) {
            return new Variable(name, Optional.empty(), here, Optional.of("it comes from " + kind + " '" + source
                    + "', which is not in the input"));
        }
        Optional<Variable> found = entries(object, kind).entrySet().stream()
                .filter(e -> e.getKey().equals(key)).findFirst()
                .map(e -> new Variable(name, Optional.of(e.getValue().value), e.getValue().position, Optional.empty()));
        return found.orElseGet(() -> new Variable(name, Optional.empty(), here,
                Optional.of(kind + " '" + source + "' has no key '" + key + "'")));
    }

    private static void fromAll(KubernetesObject workload, Node ref, Map<String, KubernetesObject> index, String kind,
                                String prefix, Map<String, Variable> env) {
        PositionedYaml yaml = workload.yaml();
        String source = PositionedYaml.child(ref, "name").map(n -> yaml.text(n, kind + " name")).orElse("");
        KubernetesObject object = index.get(workload.namespace() + "/" + source);
        if (object == null) {
            boolean optional = PositionedYaml.child(ref, "optional")
                    .map(n -> "true".equals(yaml.text(n, "optional"))).orElse(false);
            if (!optional) {
                // Whatever it sets is unknown; record the reference so that the reader can say so.
                env.put("envFrom " + kind + " " + source, new Variable("envFrom " + kind + " " + source, Optional.empty(),
                        workload.position(ref), Optional.of("envFrom " + kind + " '" + source
                        + "' is not in the input: whatever it sets is not seen")));
            }
            return;
        }
        entries(object, kind).forEach((key, entry) ->
                env.put(prefix + key, new Variable(prefix + key, Optional.of(entry.value), entry.position, Optional.empty())));
    }

    private record Entry(String value, SourcePosition position) {
    }

    /** A ConfigMap's {@code data}, or a Secret's base64 {@code data} and plain {@code stringData} (which wins). */
    private static Map<String, Entry> entries(KubernetesObject object, String kind) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        PositionedYaml yaml = object.yaml();
        boolean secret = kind.equals("Secret");
        object.at("data").ifPresent(data -> mapping(data).forEach(t -> {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            String label = kind + " " + object.name() + " data." + key;
            Node valueNode = t.getValueNode();
            String text = yaml.text(valueNode, label);
            SourcePosition at = secret ? object.positionUnquoted(valueNode) : object.position(valueNode);
            entries.put(key, new Entry(secret ? decode(text, label, at) : text, at));
        }));
        object.at("stringData").ifPresent(data -> mapping(data).forEach(t -> {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            entries.put(key, new Entry(yaml.text(t.getValueNode(), kind + " stringData." + key),
                    secret ? object.positionUnquoted(t.getValueNode()) : object.position(t.getValueNode())));
        }));
        return entries;
    }

    private static List<NodeTuple> mapping(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    /** As the API server reads a Secret's {@code data}: standard base64 of the bytes; here, text in UTF-8. */
    private static String decode(String base64, String label, SourcePosition at) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw at.error(label + " is not base64: a Secret's data holds base64 values (put plain text under "
                    + "stringData instead)");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw at.error(label + " is base64 of bytes that are not UTF-8 text");
        }
    }
}
