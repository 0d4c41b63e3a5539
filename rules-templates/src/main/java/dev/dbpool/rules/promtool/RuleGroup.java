package dev.dbpool.rules.promtool;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A named group of alerting rules, evaluated together. */
public record RuleGroup(String name, List<AlertRule> rules) {

    public RuleGroup {
        rules = List.copyOf(rules);
    }

    Map<String, Object> toYaml() {
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", name);
        group.put("rules", rules.stream().map(AlertRule::toYaml).toList());
        return group;
    }
}
