package dev.dbpool.plan;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Turns one scalar node into the Java value YAML 1.1 gives it (Integer/Long/BigInteger for
 * {@code 12}, {@code 0x1f}, {@code 1_000}; Double for {@code 0.85}; Boolean; String; null), using
 * SnakeYAML's own safe constructors rather than re-implementing YAML's number syntax.
 */
final class YamlScalars extends SafeConstructor {

    YamlScalars() {
        super(new LoaderOptions());
    }

    Object valueOf(ScalarNode node) {
        return constructObject(node);
    }
}
