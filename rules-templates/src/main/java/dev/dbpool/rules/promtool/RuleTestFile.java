package dev.dbpool.rules.promtool;

import dev.dbpool.rules.promql.PromDuration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code promtool test rules} file. {@code ruleFiles} are relative to the test file's own
 * directory, which is how promtool resolves them.
 */
public record RuleTestFile(List<String> ruleFiles, Duration evaluationInterval, List<TestGroup> groups) {

    public RuleTestFile {
        ruleFiles = List.copyOf(ruleFiles);
        groups = List.copyOf(groups);
    }

    public String render(String header) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rule_files", ruleFiles);
        root.put("evaluation_interval", PromDuration.format(evaluationInterval));
        root.put("tests", groups.stream().map(TestGroup::toYaml).toList());
        return Yaml.render(header, root);
    }
}
