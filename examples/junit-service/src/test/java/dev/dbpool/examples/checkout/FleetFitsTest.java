package dev.dbpool.examples.checkout;

import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FleetFitsTest {

    // tag::plan[]
    @Test
    void ourFleetFitsTheDatabaseEvenAtTheAutoscalersCeiling() {
        PlanResult plan = FleetPlan.load(Path.of("src/test/resources/services.yaml"))
                .evaluate(PlanOptions.defaults().withWorstCase(true));

        assertThat(plan.fits()).as(plan.summary()).isTrue();
    }
    // end::plan[]
}
