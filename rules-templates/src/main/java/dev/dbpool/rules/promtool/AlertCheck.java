package dev.dbpool.rules.promtool;

import dev.dbpool.rules.promql.PromDuration;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code alert_rule_test}: at {@code evalTime}, exactly {@code firing} alerts named
 * {@code alertname} fire (an empty list: none fires; pending alerts do not count).
 */
public record AlertCheck(Duration evalTime, String alertname, List<ExpectedAlert> firing) {

    public AlertCheck {
        firing = List.copyOf(firing);
    }

    Map<String, Object> toYaml() {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("eval_time", PromDuration.format(evalTime));
        check.put("alertname", alertname);
        check.put("exp_alerts", firing.stream().map(ExpectedAlert::toYaml).toList());
        return check;
    }
}
