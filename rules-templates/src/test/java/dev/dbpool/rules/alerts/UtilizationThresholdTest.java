package dev.dbpool.rules.alerts;

import dev.dbpool.rules.model.ServicePool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class UtilizationThresholdTest {

    @ParameterizedTest(name = "pool of {0} with backpressure {1}: alert above {2}, first firing at {3} in use")
    @CsvSource({
            // the design's pool: fires at 13 of 16, like the fleet-wide 80 %, one before backpressure rejects at 14
            "16, 0.85, 0.78, 13",
            "18, 0.85, 0.8, 15",
            "12, 0.85, 0.79, 10",
            // small pools, where 80 % would first fire when backpressure is already rejecting
            "8, 0.85, 0.68, 6",
            "4, 0.85, 0.62, 3",
            "3, 0.85, 0.5, 2",
            // a large pool keeps the 5-point margin below its backpressure threshold
            "100, 0.85, 0.8, 81",
            "100, 0.9, 0.85, 86",
            // no step before rejection: fires at the backpressure threshold itself
            "1, 0.85, 0.85, 1",
            // backpressure off (1.0): one connection before full, at most 95 %
            "10, 1.0, 0.95, 10",
            "20, 0.85, 0.8, 17"})
    void firesOneConnectionBeforeBackpressureRejects(int max, double backpressure, double expected, int firstFiringActive) {
        double threshold = UtilizationThreshold.forPool(new ServicePool("svc", max, backpressure));

        assertThat(threshold).isEqualTo(expected);
        assertThat((double) firstFiringActive / max).isGreaterThan(threshold);
        assertThat((double) (firstFiringActive - 1) / max).isLessThanOrEqualTo(threshold);
    }

    @ParameterizedTest
    @CsvSource({"16, 0.85, 13", "20, 0.85, 17", "3, 0.85, 2", "1, 0.85, 0", "10, 1.0, 10", "7, 0.0, 0"})
    void lastAdmittedIsWhereBackpressureStillLetsARequestThrough(int max, double backpressure, int expected) {
        assertThat(UtilizationThreshold.lastAdmitted(max, backpressure)).isEqualTo(expected);
    }
}
