package dev.dbpool.rules.promtool;

import org.yaml.snakeyaml.DumperOptions;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The one YAML style of the generated files: block style, two-space indented lists as in
 * Prometheus's documentation, no line folding (a PromQL expression stays on one line), and a
 * {@code # comment} header. Deterministic: maps keep insertion order, label maps are sorted.
 */
final class Yaml {

    private Yaml() {
    }

    static String render(String header, Object root) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        // Shared immutable values (List.of()) must not come out as &id001 anchors.
        options.setDereferenceAliases(true);
        String body = new org.yaml.snakeyaml.Yaml(options).dump(root);
        String comments = header.isEmpty() ? "" : header.lines()
                .map(line -> line.isEmpty() ? "#" : "# " + line)
                .collect(Collectors.joining("\n", "", "\n"));
        return comments + body;
    }

    static <V> Map<String, V> sorted(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
