package dev.dbpool.rules.promtool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Prometheus rule file ({@code rule_files:} in prometheus.yml): groups of rules. */
public record RulesFile(List<RuleGroup> groups) {

    public RulesFile {
        groups = List.copyOf(groups);
    }

    public List<AlertRule> rules() {
        return groups.stream().flatMap(g -> g.rules().stream()).toList();
    }

    /** The file's text, after {@code header} (comment lines). */
    public String render(String header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("groups", groups.stream().map(RuleGroup::toYaml).toList());
        return Yaml.render(header, root);
    }
}
