package dev.dbpool.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Several databases in one services.yaml, PgBouncer in front of one, and a live server's drift. */
class PgBouncerAndDatabasesTest {

    @TempDir
    Path dir;

    @Test
    void thePgBouncerExampleIsReadAsPgBouncerReadsIt() {
        PgBouncerConfig config = PgBouncerConfig.load(Path.of("../examples/pgbouncer/pgbouncer.ini"));

        assertThat(config.maxClientConn()).isEqualTo(1000);
        assertThat(config.poolMode()).isEqualTo("transaction");
        assertThat(config.maxPreparedStatements()).hasValue(200);
        assertThat(config.serverConnectionsPerUser("app")).isEqualTo(45); // pool_size=40 reserve_pool=5 of [databases]
        assertThat(config.maxDbConnectionsFor("app")).isEqualTo(120);
    }

    @Test
    void anUnknownPgBouncerKeySuggestsTheClosestOne() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), "[pgbouncer]\nmax_client_con = 100\n");

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).isEqualTo(ini + ":2:1: unknown key 'max_client_con' in [pgbouncer]; did you mean 'max_client_conn'?");
    }

    @Test
    void aBadPgBouncerValueNamesTheKey() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                app = host=db pool_size=many
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).isEqualTo(ini + ":2:15: [databases] app pool_size must be a whole number, 0 or more, got 'many'");
    }

    @Test
    void eachDatabaseHasItsOwnBudgetAndVerdict() {
        PlanResult result = FleetPlan.parse("services.yaml", """
                databases:
                  main: {max_connections: 100}
                  orders: {max_connections: 50, reserved_connections: 10}
                services:
                  auth-service: {database: main, replicas: 3}
                  billing-service: {database: orders, replicas: 8, max_connections: 6}
                """).evaluate();

        assertThat(result.databases()).extracting(DatabaseResult::name, DatabaseResult::totalAllocated, DatabaseResult::fits)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("main", 48L, true),
                        org.assertj.core.groups.Tuple.tuple("orders", 48L, false));
        assertThat(result.fits()).isFalse();
        assertThat(result.violations()).containsExactly("orders: over budget: 48 connections allocated, 40 available; 8 over");
    }

    @Test
    void aServiceOnAnUnknownDatabaseIsAnErrorWithTheClosestName() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("services.yaml", """
                databases:
                  main: {max_connections: 100}
                  orders: {max_connections: 50}
                services:
                  auth-service: {database: order}
                """));

        assertThat(e.getMessage()).isEqualTo("services.yaml:5:28: auth-service.database: unknown database 'order'; did you mean 'orders'?");
    }

    @Test
    void overBudgetDirectlyButFineBehindPgBouncerSaysExactlyThat() {
        PlanResult result = FleetPlan.parse("services.yaml", """
                database:
                  max_connections: 100
                  pgbouncer: {max_client_conn: 500, default_pool_size: 20, pool_mode: transaction}
                services:
                  auth-service: {replicas: 6}
                  user-service: {replicas: 6, user: users}
                """).evaluate();

        DatabaseResult main = result.database();
        assertThat(main.fitsDirectly()).isFalse();
        assertThat(result.fits()).isTrue();
        assertThat(main.pooler().orElseThrow().serverConnections()).isEqualTo(40); // 2 users x 20
        assertThat(result.notes()).anyMatch(n -> n.startsWith("over budget directly (204 pool connections, 80 available) "
                + "but fits behind PgBouncer"));
        assertThat(result.notes()).anyMatch(n -> n.contains("set prepareThreshold=0"));
    }

    @Test
    void tooManyClientsForPgBouncerIsAViolation() {
        PlanResult result = FleetPlan.parse("services.yaml", """
                database:
                  max_connections: 100
                  pgbouncer: {max_client_conn: 50}
                services:
                  auth-service: {replicas: 6}
                """).evaluate();

        assertThat(result.violations()).singleElement().asString()
                .startsWith("PgBouncer client side: the pools open 96 client connections, more than max_client_conn 50");
    }

    @Test
    void driftFlagsServicesAboveTheirAllocationAndUnknownNames() {
        FleetPlan plan = FleetPlan.parse("services.yaml", """
                database: {max_connections: 100}
                services:
                  auth-service: {replicas: 2}
                  cdn-service: {}
                """);
        ServerLimits server = new ServerLimits("jdbc:postgresql://db:5432/app", "17", 100, 3, 0,
                Map.of("auth-service", 40, "cdn-service", 2, "reporting-job", 5));

        PlanResult result = plan.evaluate(PlanOptions.defaults().withServer(server));

        assertThat(result.drift()).containsExactly(
                new SessionDrift("auth-service", 40, OptionalLong.of(32)),
                new SessionDrift("cdn-service", 2, OptionalLong.of(3)),
                new SessionDrift("reporting-job", 5, OptionalLong.empty()));
        assertThat(result.drift()).extracting(SessionDrift::status).containsExactly(SessionDrift.Status.ABOVE_ALLOCATION,
                SessionDrift.Status.WITHIN, SessionDrift.Status.UNKNOWN_SERVICE);
        assertThat(result.violations()).containsExactly("drift: auth-service: 40 sessions, above its allocation of 32 "
                + "(more pods or a larger pool than planned)");
        assertThat(result.fits()).isFalse();
        assertThat(Optional.of(result.notes())).get().asList().anyMatch(n -> n.toString().contains("reporting-job 5"));
    }
}
