package dev.dbpool.loadgen.workload;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each function's shape against its definition, from a fixed seed (100,000 draws each). */
class DistributionsTest {

    private static final int DRAWS = 100_000;

    @Test
    void uniformDrawsEveryValueAsOften() {
        long[] counts = draw(r -> Distributions.uniform(r, 1, 10));

        for (int v = 1; v <= 10; v++) {
            assertThat(counts[v] / (double) DRAWS).as("value " + v).isCloseTo(0.1, within(0.005));
        }
    }

    @Test
    void exponentialFallsByExpOfMinusTheParameterAcrossTheRange() {
        double parameter = 2.0;
        long[] counts = draw(r -> Distributions.exponential(r, 1, 10, parameter));

        // P(value = k) for k = 1..10 is proportional to the integral of exp(-parameter * x) over [(k-1)/10, k/10).
        double norm = 1 - Math.exp(-parameter);
        for (int k = 1; k <= 10; k++) {
            double expected = (Math.exp(-parameter * (k - 1) / 10.0) - Math.exp(-parameter * k / 10.0)) / norm;
            assertThat(counts[k] / (double) DRAWS).as("value " + k).isCloseTo(expected, within(0.006));
        }
    }

    @Test
    void gaussianIsSymmetricAroundTheMiddleAndPeaksThere() {
        long[] counts = draw(r -> Distributions.gaussian(r, 1, 10, 2.5));

        assertThat(counts[5] + counts[6]).isGreaterThan(counts[1] + counts[10]).isGreaterThan(4 * (counts[1] + counts[10]));
        assertThat(counts[1] / (double) counts[10]).isCloseTo(1.0, within(0.15));
        assertThat(counts[0]).isZero();
    }

    @Test
    void zipfianDrawsKOverKPlusOneToThePowerOfS() {
        double s = 2.5;
        long[] counts = draw(r -> Distributions.zipfian(r, 1, 10, s));

        // pgbench's documentation: 1 is drawn (2/1)^2.5 = 5.66 times as often as 2, 2 (3/2)^2.5 = 2.76 times as often as 3.
        assertThat(counts[1] / (double) counts[2]).isCloseTo(Math.pow(2, s), within(0.3));
        assertThat(counts[2] / (double) counts[3]).isCloseTo(Math.pow(1.5, s), within(0.2));
    }

    @Test
    void theSameSeedDrawsTheSameValues() {
        assertThat(draw(r -> Distributions.zipfian(r, 1, 1000, 1.1), 7, 1001))
                .isEqualTo(draw(r -> Distributions.zipfian(r, 1, 1000, 1.1), 7, 1001));
    }

    private static long[] draw(java.util.function.ToLongFunction<SplittableRandom> function) {
        return draw(function, 42, 12);
    }

    private static long[] draw(java.util.function.ToLongFunction<SplittableRandom> function, long seed, int slots) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] counts = new long[slots];
        for (int i = 0; i < DRAWS; i++) {
            counts[(int) function.applyAsLong(random)]++;
        }
        return counts;
    }
}
