package dev.dbpool.rules.alerts;

import dev.dbpool.rules.promtool.AlertRule;
import dev.dbpool.rules.promtool.TestGroup;

import java.util.List;

/**
 * One alert: its rules (one, or one per planned service) and the promtool unit tests that pin
 * them. The rule and its tests live side by side so that a change to one is a change to both.
 */
public interface AlertDefinition {

    /** The alert's name, which is also its runbook heading. */
    String name();

    List<AlertRule> rules(AlertContext context);

    List<TestGroup> tests(AlertContext context);

    String CRITICAL = "critical";
    String WARNING = "warning";
}
