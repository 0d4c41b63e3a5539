package dev.dbpool.plan;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service's own test suite does with the plan model, no CLI needed: load the fleet's
 * {@code services.yaml} from the deploy repository and fail the build when the fleet would not fit.
 * (Here the file is the example of docs/plan.md, which shows the same check.)
 */
class OurFleetFitsTest {

    private static final Path SERVICES = Path.of("../examples/services.yaml");

    @Test
    void ourFleetFitsTheDatabase() {
        PlanResult plan = FleetPlan.load(SERVICES).evaluate();

        assertThat(plan.fits()).as(plan.summary()).isTrue();
    }

    @Test
    void ourFleetAtTheAutoscalersCeilingDoesNotAndTheFitSaysHowToMakeItFit() {
        PlanResult plan = FleetPlan.load(SERVICES).evaluate(PlanOptions.defaults().withWorstCase(true).withFit(true));

        assertThat(plan.fits()).isFalse();
        assertThat(plan.fitSucceeded()).isTrue();
        assertThat(plan.fittedTotalAllocated().getAsLong()).isLessThanOrEqualTo(plan.budget().available());
    }
}
