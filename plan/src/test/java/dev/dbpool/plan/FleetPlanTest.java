package dev.dbpool.plan;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FleetPlanTest {

    @Test
    void presetsAllocate111AgainstThe80ADefaultServerLeaves() {
        PlanResult result = FleetPlan.presets().evaluate();

        assertThat(result.totalAllocated()).isEqualTo(111);
        assertThat(result.budget().maxConnections()).isEqualTo(100);
        assertThat(result.budget().reservedConnections()).isEqualTo(20);
        assertThat(result.budget().available()).isEqualTo(80);
        assertThat(result.headroom()).isEqualTo(-31);
        assertThat(result.fits()).isFalse();
        assertThat(result.violations()).containsExactly("over budget: 111 connections allocated, 80 available; 31 over");
        assertThat(result.services()).hasSize(11).allSatisfy(s -> assertThat(s.replicas()).isEqualTo(1));
    }

    @Test
    void presetsFitEightyWithNoServiceBelowItsMin() {
        PlanResult result = FleetPlan.presets().evaluate(PlanOptions.defaults().withFit(true));

        assertThat(result.fittedTotalAllocated()).hasValue(80);
        assertThat(result.fitSucceeded()).isTrue();
        assertThat(result.services()).allSatisfy(s -> {
            assertThat(s.fittedMaxConnections().getAsInt()).isBetween(Math.max(1, s.minConnections()), s.maxConnections());
        });
        // The fit is advice: the fleet as configured still does not fit.
        assertThat(result.fits()).isFalse();
    }

    @Test
    void allocationIsMaxTimesReplicasAndTheWorstCaseCountsMaxReplicas() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 200}
                services:
                  auth-service: {replicas: 3, max_replicas: 6}
                  billing-service: {max_connections: 6, min_connections: 2, replicas: 2}
                """);

        PlanResult normal = plan.evaluate();
        PlanResult worst = plan.evaluate(PlanOptions.defaults().withWorstCase(true));

        assertThat(normal.service("auth-service").orElseThrow().allocated()).isEqualTo(48);
        assertThat(normal.service("billing-service").orElseThrow().allocated()).isEqualTo(12);
        assertThat(normal.totalAllocated()).isEqualTo(60);
        assertThat(normal.budget().available()).isEqualTo(160);
        assertThat(normal.fits()).isTrue();
        assertThat(worst.service("auth-service").orElseThrow().allocated()).isEqualTo(96);
        assertThat(worst.totalAllocated()).isEqualTo(108);
        assertThat(worst.headroom()).isEqualTo(52);
    }

    @Test
    void theDefaultReserveIsTwentyPercentRoundedUp() {
        assertThat(budgetFor(100, null).reservedConnections()).isEqualTo(20);
        assertThat(budgetFor(33, null).reservedConnections()).isEqualTo(7);
        assertThat(budgetFor(100, 5).reservedConnections()).isEqualTo(5);
        assertThat(budgetFor(100, 5).reservedFrom()).isEqualTo("services.yaml");
    }

    @Test
    void exactlyFullFits() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 100, reserved_connections: 20}
                services:
                  a: {max_connections: 40, replicas: 2}
                """);

        assertThat(plan.evaluate().fits()).isTrue();
        assertThat(plan.evaluate().headroom()).isZero();
    }

    @Test
    void minimumsAboveTheBudgetAreASecondViolationAndTheFitCannotHelp() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 20, reserved_connections: 4}
                services:
                  auth-service: {replicas: 4}
                """);

        PlanResult result = plan.evaluate(PlanOptions.defaults().withFit(true));

        assertThat(result.violations()).hasSize(2);
        assertThat(result.violations().get(1)).startsWith("even at min_connections (and at least 1 each) the fleet needs 20");
        assertThat(result.fitSucceeded()).isFalse();
        assertThat(result.fittedTotalAllocated()).hasValue(20);
    }

    @Test
    void littlesLawSizeUsesTheServicesThresholdOrTheFleetDefault() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 400}
                services:
                  search-service: {replicas: 2, peak_qps: 500, hold_ms: 45}
                  feed-service: {replicas: 2, peak_qps: 500, hold_ms: 45, backpressure_threshold: 0.5}
                  auth-service: {replicas: 3, peak_qps: 1800, hold_ms: 4}
                  cdn-service: {}
                """);

        PlanResult result = plan.evaluate();

        assertThat(result.service("search-service").orElseThrow().littlesLawConnections()).hasValue(14);
        assertThat(result.service("feed-service").orElseThrow().littlesLawConnections()).hasValue(23);
        assertThat(result.service("cdn-service").orElseThrow().littlesLawConnections()).isEmpty();
        assertThat(plan.evaluate(PlanOptions.defaults().withThreshold(0.5))
                .service("search-service").orElseThrow().littlesLawConnections()).hasValue(23);
    }

    @Test
    void recommendedSizeIsTheErlangCPoolWhoseWaitsLongerThanOneHoldStayUnderOnePercent() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 400}
                services:
                  search-service: {replicas: 2, peak_qps: 500, hold_ms: 45}
                  auth-service: {replicas: 3, peak_qps: 1800, hold_ms: 4}
                  cdn-service: {}
                """);

        PlanResult result = plan.evaluate();

        // 250 qps x 45 ms = 11.25 erlangs per replica: P(W > 45 ms) is 2.2% at 14, 0.5% at 15.
        assertThat(result.service("search-service").orElseThrow().recommendedMaxConnections()).hasValue(15);
        assertThat(result.service("search-service").orElseThrow().advice()).isEqualTo("too small: peak needs 15");
        assertThat(result.service("auth-service").orElseThrow().advice()).isEqualTo("ample: peak needs 5");
        assertThat(result.service("cdn-service").orElseThrow().recommendedMaxConnections()).isEmpty();
        assertThat(result.service("cdn-service").orElseThrow().advice()).isEmpty();
        assertThat(result.advice()).singleElement().asString()
                .contains("needs 15 connections per replica", "threshold policy would shed about 22% of requests");
        // Advice never changes the verdict; a looser target asks for less.
        assertThat(result.fits()).isTrue();
        assertThat(plan.evaluate(PlanOptions.defaults().withMaxWaitProbability(0.05))
                .service("search-service").orElseThrow().recommendedMaxConnections()).hasValue(14);
    }

    @Test
    void planPredictsTheShareTheThresholdPolicySheds() {
        PlanResult result = FleetPlan.parse("services.yaml", """
                database: {max_connections: 400}
                services:
                  search-service: {replicas: 2, peak_qps: 500, hold_ms: 45}
                """).evaluate();

        // max 12 at 0.85 admits while fewer than 11 are in use: Erlang B(11, 11.25).
        assertThat(result.service("search-service").orElseThrow().predictedShedRatio().getAsDouble())
                .isCloseTo(0.21666, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void withoutMaxConnectionsTheServerMustSayIt() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database:
                  reserved_connections: 10
                services:
                  cdn-service:
                """);

        PlanException e = catchThrowableOfType(PlanException.class, plan::evaluate);

        assertThat(e.getMessage()).isEqualTo("services.yaml:1:1: database.max_connections is missing: "
                + "set it, give --max-connections, or read the server's with --database-url");
        assertThat(plan.evaluate(PlanOptions.defaults().withServer(server(50, 3, 0))).budget().available())
                .isEqualTo(40);
    }

    @Test
    void theServerOverridesTheFilesMaxConnectionsAndSaysSo() {
        PlanResult result = FleetPlan.presets().evaluate(PlanOptions.defaults().withServer(server(200, 3, 0)));

        assertThat(result.budget().maxConnections()).isEqualTo(200);
        assertThat(result.budget().maxConnectionsFrom()).isEqualTo("server");
        assertThat(result.budget().available()).isEqualTo(160);
        assertThat(result.fits()).isTrue();
        assertThat(result.notes()).anyMatch(n -> n.contains("says max_connections 100, the server says 200"));
    }

    @Test
    void theServersReservedSlotsCountWhenTheyExceedThePlannedReserve() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 100, reserved_connections: 2}
                services: {cdn-service: }
                """);

        ConnectionBudget budget = plan.evaluate(PlanOptions.defaults().withServer(server(100, 3, 5))).budget();

        assertThat(budget.reservedConnections()).isEqualTo(8);
        assertThat(budget.reservedFrom()).isEqualTo("server: superuser_reserved_connections 3 + reserved_connections 5");
        // ... and the planned reserve when it is larger, since it is meant to include them.
        assertThat(FleetPlan.presets().evaluate(PlanOptions.defaults().withServer(server(100, 3, 5)))
                .budget().reservedConnections()).isEqualTo(20);
    }

    @Test
    void currentSessionsAreMatchedToServicesByApplicationName() {
        ServerLimits server = new ServerLimits("jdbc:postgresql://db:5432/app", "17.6", 100, 3, 0,
                Map.of("auth-service", 7, "psql", 1, "", 2));

        PlanResult result = FleetPlan.presets().evaluate(PlanOptions.defaults().withServer(server));

        assertThat(result.service("auth-service").orElseThrow().currentConnections()).hasValue(7);
        assertThat(result.service("cdn-service").orElseThrow().currentConnections()).hasValue(0);
        assertThat(result.notes()).anyMatch(n -> n.equals("the server has 10 client connections now; "
                + "3 are not from a planned service: (no application_name) 2, psql 1"));
    }

    @Test
    void summaryIsAnAssertionMessage() {
        assertThat(FleetPlan.presets().evaluate().summary()).isEqualTo("DOES NOT FIT: over budget: 111 connections "
                + "allocated, 80 available; 31 over (max_connections 100 (PostgreSQL default) - reserved 20 "
                + "(20% default) = 80 available)");
    }

    private static ConnectionBudget budgetFor(int max, Integer reserved) {
        FleetPlan plan = FleetPlan.of("services.yaml", OptionalInt.of(max),
                reserved == null ? OptionalInt.empty() : OptionalInt.of(reserved),
                FleetPlan.presets().services().subList(0, 1));
        return plan.evaluate().budget();
    }

    private static ServerLimits server(int max, int superuserReserved, int reserved) {
        return new ServerLimits("jdbc:postgresql://db:5432/app", "17.6", max, superuserReserved, reserved, Map.of());
    }
}
