package dev.dbpool.bench;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The harness does what the figures claim: one acquire and one release per call, nothing left held. */
class AcquireBenchmarkTest {

    private final AcquireBenchmark benchmark = new AcquireBenchmark();
    private final AcquireBenchmark.CpuTime cpu = new AcquireBenchmark.CpuTime();

    @BeforeEach
    void openOnTheStubDriver() {
        benchmark.target = BenchTarget.STUB;
        benchmark.poolSize = 4;
        benchmark.policy = "threshold";
        benchmark.open();
    }

    @AfterEach
    void close() {
        benchmark.close();
    }

    @Test
    void bothPoolsAreFixedAtThePoolSizeBeforeMeasuring() {
        assertThat(benchmark.pool.totalConnections()).isEqualTo(4);
        assertThat(benchmark.baseline.getHikariPoolMXBean().getTotalConnections()).isEqualTo(4);
        assertThat(benchmark.micrometer.getHikariPoolMXBean().getTotalConnections()).isEqualTo(4);
        assertThat(benchmark.pool.config().minConnections()).isEqualTo(4);
    }

    @Test
    void everyMethodTakesAConnectionAndGivesItBack() throws SQLException {
        AcquireBenchmark.Outcomes outcomes = new AcquireBenchmark.Outcomes();

        assertThat(benchmark.hikariBaseline(cpu).isClosed()).isTrue();
        assertThat(benchmark.hikariMicrometer(cpu).isClosed()).isTrue();
        assertThat(benchmark.acquireWithMetrics(cpu).isClosed()).isTrue();
        assertThat(benchmark.acquireWithBackpressure(outcomes, cpu).isClosed()).isTrue();
        assertThat(benchmark.dataSource(outcomes, cpu).isClosed()).isTrue();
        assertThat(benchmark.pool.activeConnections()).isZero();
        assertThat(benchmark.baseline.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(benchmark.micrometer.getHikariPoolMXBean().getActiveConnections()).isZero();
        assertThat(outcomes.acquired).isEqualTo(2);
        assertThat(outcomes.rejected).isZero();
        assertThat(cpu.calls).as("every method counts its calls for the CPU time per call").isEqualTo(5);
    }

    @Test
    void theMicrometerPeerRecordsHikariCpsOwnTimersPerBorrow() throws SQLException {
        benchmark.hikariMicrometer(cpu);
        benchmark.hikariMicrometer(cpu);

        MeterRegistry registry = benchmark.registry;
        assertThat(benchmark.micrometer.getMetricsTrackerFactory()).isInstanceOf(MicrometerMetricsTrackerFactory.class);
        assertThat(registry.get("hikaricp.connections.acquire").tag("pool", BenchTarget.MICROMETER_POOL).timer().count())
                .isEqualTo(2);
        assertThat(registry.get("hikaricp.connections.usage").tag("pool", BenchTarget.MICROMETER_POOL).timer().count())
                .isEqualTo(2);
        assertThat(benchmark.baseline.getMetricsTrackerFactory()).as("the bare baseline records nothing").isNull();
    }

    @Test
    void aRejectionIsCountedAndReturnsNoConnection() throws SQLException {
        AcquireBenchmark.Outcomes outcomes = new AcquireBenchmark.Outcomes();
        Connection[] held = new Connection[4];
        for (int i = 0; i < held.length; i++) {
            held[i] = benchmark.pool.acquireWithMetrics();
        }
        try {
            assertThat(benchmark.acquireWithBackpressure(outcomes, cpu)).isNull();
            assertThat(benchmark.dataSource(outcomes, cpu)).as("the DataSource admits by the same policy").isNull();
            assertThat(outcomes.rejected).isEqualTo(2);
            assertThat(outcomes.acquired).isZero();
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    @Test
    void everyPolicyTakesAConnectionAndGivesItBack() throws SQLException {
        for (String policy : new String[] {"threshold", "codel", "none"}) {
            AcquireBenchmark other = new AcquireBenchmark();
            other.target = BenchTarget.STUB;
            other.poolSize = 4;
            other.policy = policy;
            other.open();
            try {
                AcquireBenchmark.Outcomes outcomes = new AcquireBenchmark.Outcomes();
                assertThat(other.acquireWithBackpressure(outcomes, cpu).isClosed()).as(policy).isTrue();
                assertThat(other.pool.activeConnections()).as(policy).isZero();
                assertThat(outcomes.acquired).as(policy).isEqualTo(1);
            } finally {
                other.close();
            }
        }
    }

    @Test
    void anUnknownPolicyIsNamed() {
        AcquireBenchmark other = new AcquireBenchmark();
        other.target = BenchTarget.STUB;
        other.poolSize = 4;
        other.policy = "lifo";
        assertThatThrownBy(other::open).hasMessageContaining("-p policy must be one of codel, threshold, none, got 'lifo'");
    }

    @Test
    void theStubRefusesWhatWouldNeedADatabase() throws SQLException {
        try (Connection c = benchmark.pool.acquireWithMetrics()) {
            assertThat(c.isValid(1)).isTrue();
            assertThatThrownBy(c::createStatement).hasMessageContaining("stub connection");
        }
    }

    @Test
    void anUnknownTargetIsNamed() {
        assertThatThrownBy(() -> BenchTarget.open("mysql", 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target must be 'stub' or 'postgres', got 'mysql'");
    }
}
