package dev.dbpool.rules;

import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

/** The generated YAML read back as plain maps, the way Prometheus reads it. */
final class RulesYaml {

    private RulesYaml() {
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alerts(GeneratedFiles files) {
        Map<String, Object> root = new Yaml().load(files.get(Emitter.ALERTS));
        return ((List<Map<String, Object>>) root.get("groups")).stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream())
                .toList();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> testGroups(GeneratedFiles files) {
        Map<String, Object> root = new Yaml().load(files.get(Emitter.TESTS));
        return (List<Map<String, Object>>) root.get("tests");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> map(Map<String, Object> rule, String key) {
        return (Map<String, String>) rule.get(key);
    }
}
