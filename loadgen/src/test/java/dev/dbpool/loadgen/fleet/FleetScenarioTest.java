package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.Fault;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetScenarioTest {

    private static FleetService service(String name, int replicas, int max) {
        return new FleetService(name, replicas, max, max, 1, 10.0, "test", Duration.ofMillis(20), Optional.empty());
    }

    private static FleetScenario scenario(List<Fault> faults, int max, int reserved) {
        return new FleetScenario("test", List.of(service("a", 2, 6), service("b", 1, 3)), max, reserved, false,
                Optional.empty(), Duration.ofSeconds(30), Duration.ofSeconds(1), faults, 1, 1000, 100,
                Duration.ofSeconds(10), Duration.ofSeconds(1), 0);
    }

    @Test
    void addsUpTheFleet() {
        FleetScenario s = scenario(FleetScenario.DEFAULT_FAULTS, 100, 20);
        assertThat(s.allocated()).isEqualTo(15);
        assertThat(s.replicas()).isEqualTo(3);
        assertThat(s.available()).isEqualTo(80);
        assertThat(s.ratePerSecond()).isEqualTo(20.0);
        assertThat(s.threadsFor(s.services().get(0))).isEqualTo(12);
        assertThat(s.threadsFor(s.services().get(1))).isEqualTo(6);
    }

    @Test
    void reservesForSuperusersWhatPostgresDoesButNeverMoreThanThePlan() {
        assertThat(scenario(List.of(), 100, 20).superuserReserved()).isEqualTo(3);
        assertThat(scenario(List.of(), 100, 1).superuserReserved()).isEqualTo(1);
        assertThat(scenario(List.of(), 100, 0).superuserReserved()).isZero();
    }

    @Test
    void namesEachReplicasPool() {
        assertThat(service("a", 2, 6).poolName(1)).isEqualTo("a-2");
        assertThat(service("b", 1, 6).poolName(0)).isEqualTo("b");
    }

    @Test
    void rejectsAKillFaultAndFaultsAfterTheEnd() {
        assertThatThrownBy(() -> scenario(List.of(Fault.parse("kill@5s+2s")), 100, 20))
                .hasMessageContaining("fault kill is not supported");
        assertThatThrownBy(() -> scenario(List.of(Fault.parse("slowdown@25s+10s")), 100, 20))
                .hasMessageContaining("ends after the run's 30s");
    }

    @Test
    void pgbouncerIniIsSizedFromTheSettings() {
        PoolerSettings settings = new PoolerSettings("sized", "transaction", 121, 80, 0, 80, 0, 111, 80, true);
        String ini = PgBouncer.ini(settings, Path.of("/tmp/x"), 6432, "127.0.0.1", 5432, "postgres");
        assertThat(ini).contains("postgres = host=127.0.0.1 port=5432 dbname=postgres", "listen_port = 6432",
                "pool_mode = transaction", "default_pool_size = 80", "max_db_connections = 80", "max_client_conn = 121",
                "ignore_startup_parameters = extra_float_digits", "auth_file = /tmp/x/userlist.txt");
    }

    @Test
    void findsTheBinaryOnThePathOrTakesTheOneGiven() {
        assertThat(PgBouncer.locate(Path.of("/opt/pgb"), "/usr/bin")).isEqualTo(Path.of("/opt/pgb"));
        assertThat(PgBouncer.locate(null, "/nonexistent")).isEqualTo(PgBouncer.DEFAULT_BINARY);
        assertThat(PgBouncer.isExecutable(Path.of("/nonexistent/pgbouncer"))).isFalse();
    }

    @Test
    void readsTheSqlStateThroughCauses() {
        java.sql.SQLException refused = new java.sql.SQLException("sorry, too many clients already", "53300");
        assertThat(FleetRun.sqlState(new java.sql.SQLTransientConnectionException("timed out", null, refused)))
                .isEqualTo("53300");
        assertThat(FleetRun.sqlState(new RuntimeException("x"))).isEqualTo("none");
    }
}
