package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.Node;

import java.util.Optional;

/**
 * One object of a Kubernetes manifest (a document, or an item of a {@code kind: List}), with the file it
 * came from so that every value can still be positioned.
 *
 * @param kind      {@code Deployment}, {@code ConfigMap}, ...
 * @param namespace {@code metadata.namespace}, {@code default} when not set
 * @param name      {@code metadata.name}
 * @param node      the object's mapping
 * @param yaml      the file's reader
 */
record KubernetesObject(String kind, String namespace, String name, Node node, PositionedYaml yaml) {

    static final String DEFAULT_NAMESPACE = "default";

    /** {@code Deployment/default/auth-service}. */
    String id() {
        return kind + "/" + namespace + "/" + name;
    }

    Optional<Node> at(String... path) {
        return PositionedYaml.path(node, path);
    }

    /** Where the object is named ({@code metadata.name}'s value), or where it starts. */
    SourcePosition position() {
        return yaml.source().position(at("metadata", "name").orElse(node));
    }

    SourcePosition position(Node value) {
        return yaml.source().position(value);
    }

    /** Where {@code value} is, without its line for quoting: for a Secret's values. */
    SourcePosition positionUnquoted(Node value) {
        SourcePosition at = position(value);
        return new SourcePosition(at.file(), at.line(), at.column(), null);
    }
}
