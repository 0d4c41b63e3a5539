package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every object of a set of manifest files: each document, and each item of a {@code kind: List} (as
 * {@code kubectl get -o yaml} prints it; any {@code *List} kind with {@code items}). A document that is
 * not a Kubernetes object (no {@code apiVersion} and {@code kind}) is an error at its position.
 */
final class KubernetesObjects {

    private KubernetesObjects() {
    }

    /** Whether a document is a Kubernetes object: a mapping with {@code apiVersion} and {@code kind}. */
    static boolean isKubernetesObject(Node document) {
        return document instanceof MappingNode && PositionedYaml.child(document, "apiVersion").isPresent()
                && PositionedYaml.child(document, "kind").isPresent();
    }

    static List<KubernetesObject> read(PositionedYaml yaml, List<Node> documents) {
        List<KubernetesObject> objects = new ArrayList<>();
        for (Node document : documents) {
            add(yaml, document, objects, 0);
        }
        return objects;
    }

    private static void add(PositionedYaml yaml, Node node, List<KubernetesObject> objects, int depth) {
        if (!isKubernetesObject(node)) {
            throw notKubernetes(yaml, node);
        }
        String kind = yaml.text(PositionedYaml.child(node, "kind").orElseThrow(), "kind");
        Optional<Node> items = PositionedYaml.child(node, "items");
        if (kind.endsWith("List") && depth == 0) {
            if (items.isPresent()) {
                for (Node item : yaml.list(items.get(), kind + ".items")) {
                    add(yaml, item, objects, depth + 1);
                }
            }
            return;
        }
        Node nameNode = PositionedYaml.path(node, "metadata", "name")
                .orElseThrow(() -> yaml.source().error(node, kind + " has no metadata.name"));
        String name = yaml.text(nameNode, kind + " metadata.name");
        String namespace = PositionedYaml.path(node, "metadata", "namespace")
                .map(n -> yaml.text(n, "metadata.namespace")).orElse(KubernetesObject.DEFAULT_NAMESPACE);
        objects.add(new KubernetesObject(kind, namespace, name, node, yaml));
    }

    static PlanException notKubernetes(PositionedYaml yaml, Node node) {
        return yaml.source().error(node, "not a Kubernetes object: expected 'apiVersion' and 'kind'"
                + (node instanceof MappingNode ? "" : ", got " + PositionedYaml.describe(node))
                + " (a services file has 'services:' and one document)");
    }
}
