package dev.dbpool.examples.checkout;

import dev.dbpool.junit.AlertRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class AlertRulesTest {

    // tag::rules[]
    @Test
    void ourAlertRulesPassPromtool(@TempDir Path dir) {
        // dbpool emit --plan services.yaml, then promtool check rules and promtool test rules on the result;
        // without promtool: skipped, with how to install it (a failure under DBPOOL_REQUIRE_PROMTOOL=1)
        AlertRules.forPlan(Path.of("src/test/resources/services.yaml")).assertPromtoolPasses(dir);
    }
    // end::rules[]
}
