package dev.dbpool.rules.promtool;

import java.util.LinkedHashMap;
import java.util.Map;

/** An alert a unit test expects to be firing: its exact labels (without alertname) and annotations. */
public record ExpectedAlert(Map<String, String> labels, Map<String, String> annotations) {

    public ExpectedAlert {
        labels = Yaml.sorted(labels);
        annotations = Yaml.sorted(annotations);
    }

    Map<String, Object> toYaml() {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("exp_labels", labels);
        alert.put("exp_annotations", annotations);
        return alert;
    }
}
