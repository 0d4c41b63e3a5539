package dev.dbpool.plan;

import dev.dbpool.plan.engine.ErlangC;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Counts past what any server or cluster runs are refused with the bound in the message, instead of
 * wrapping around into a false "fits"; the sizing advice answers at once for any traffic figures.
 */
class NoWrapAroundTest {

    @Test
    void aSurgeOfMaxIntIsRefusedNotAFit() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("s.yaml", """
                database: {max_connections: 100}
                services:
                  auth-service: {replicas: 2147483647, max_replicas: 2147483647}
                """));

        assertThat(e.getMessage()).isEqualTo("s.yaml:3:28: auth-service.replicas must be at most 150000 "
                + "(Kubernetes' limit of pods in a cluster), got 2147483647");
    }

    @Test
    void maxConnectionsAbovePostgresqlsLimitIsRefused() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("s.yaml", """
                database: {max_connections: 150000000}
                services:
                  auth-service: {}
                """));

        assertThat(e.getMessage()).isEqualTo("s.yaml:1:29: database.max_connections must be at most 262143 "
                + "(PostgreSQL's limit of max_connections), got 150000000");
    }

    @Test
    void theLargestFleetTheBoundsAllowStillAddsUpExactly() {
        FleetPlan plan = FleetPlan.parse("s.yaml", """
                database: {max_connections: 262143, reserved_connections: 0}
                services:
                  a: {replicas: 150000, max_connections: 262143, min_connections: 1}
                  b: {replicas: 150000, max_connections: 262143, min_connections: 1}
                """);

        PlanResult result = plan.evaluate(PlanOptions.defaults().withFit(true));

        assertThat(result.totalAllocated()).isEqualTo(2L * 150_000 * 262_143);
        assertThat(result.fits()).isFalse();
        assertThat(result.summary()).startsWith("DOES NOT FIT");
    }

    @Test
    void theFallbackBudgetIsBoundedToo() {
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> PlanOptions.defaults()
                .withFallbackBudget(OptionalInt.of(150_000_000), OptionalInt.empty())))
                .hasMessageContaining("262143");
    }

    @Test
    @Timeout(10) // a bound that catches a hang: before, 1e12 x 1 never finished
    void sizingAdviceForAnyTrafficIsAnswered() {
        FleetPlan plan = FleetPlan.parse("s.yaml", """
                database: {max_connections: 100}
                services:
                  huge-service: {max_connections: 10, peak_qps: 1e12, hold_ms: 1}
                  vast-service: {max_connections: 10, peak_qps: 1e15, hold_ms: 1e15}
                """);

        PlanResult result = plan.evaluate();

        assertThat(result.service("huge-service").orElseThrow().recommendedMaxConnections()).hasValue(101);
        assertThat(result.service("huge-service").orElseThrow().advice()).isEqualTo("too small: peak needs more than 100");
        assertThat(result.advice()).anyMatch(a -> a.startsWith("huge-service:")
                && a.contains("needs more than the server's max_connections (100)"));
    }

    @Test
    void aTrafficFigurePastTheBoundIsRefused() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("s.yaml", """
                database: {max_connections: 100}
                services:
                  a: {max_connections: 10, peak_qps: 1e16, hold_ms: 1}
                """));

        assertThat(e.getMessage()).contains("a.peak_qps must be at most 1e15");
    }

    @Test
    void erlangCStopsAtItsLimit() {
        assertThat(ErlangC.smallestPool(1e11, 0.01, 262_143)).isEqualTo(262_144);
        assertThat(ErlangC.smallestPool(5.0, 0.01, 262_143)).isEqualTo(ErlangC.smallestPool(5.0, 0.01));
        assertThat(ErlangC.smallestPool(200_000, 0.01, 262_143)).isBetween(200_001, 201_000);
    }
}
