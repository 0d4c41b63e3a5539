package dev.dbpool.loadgen.workload;

import java.util.SplittableRandom;

/**
 * pgbench's random functions, drawn the way pgbench draws them (src/bin/pgbench/pgbench.c:
 * {@code getrand}, {@code getExponentialRand}, {@code getGaussianRand}, {@code getZipfianRand}), from
 * a seeded source instead of pgbench's own generator: the same distributions, not the same numbers.
 */
final class Distributions {

    /** pgbench's lower bound for {@code random_gaussian}'s parameter. */
    static final double MIN_GAUSSIAN_PARAMETER = 2.0;
    /** pgbench's bounds for {@code random_zipfian}'s parameter. */
    static final double MIN_ZIPFIAN_PARAMETER = 1.001;
    static final double MAX_ZIPFIAN_PARAMETER = 1000.0;

    private Distributions() {
    }

    /** {@code random(lo, hi)}: uniform in {@code [lo, hi]}. */
    static long uniform(SplittableRandom random, long lo, long hi) {
        checkRange("random", lo, hi);
        long span = hi - lo + 1;
        return span > 0 ? lo + random.nextLong(span) : randomInFullRange(random, lo, hi);
    }

    /**
     * {@code random_exponential(lo, hi, parameter)}: values near {@code lo} the most likely, the density
     * at {@code hi} {@code exp(-parameter)} of the density at {@code lo}.
     */
    static long exponential(SplittableRandom random, long lo, long hi, double parameter) {
        checkRange("random_exponential", lo, hi);
        if (!(parameter > 0.0)) {
            throw new ArithmeticException("random_exponential's parameter must be greater than 0, got " + parameter);
        }
        double cut = Math.exp(-parameter);
        double uniform = 1.0 - random.nextDouble(); // in (0, 1]
        double rand = -Math.log(cut + (1.0 - cut) * uniform) / parameter;
        return lo + (long) ((hi - lo + 1) * rand);
    }

    /**
     * {@code random_gaussian(lo, hi, parameter)}: a normal distribution centred on the middle of the
     * range, cut at {@code parameter} standard deviations either side (Box-Muller, redrawn outside).
     */
    static long gaussian(SplittableRandom random, long lo, long hi, double parameter) {
        checkRange("random_gaussian", lo, hi);
        if (!(parameter >= MIN_GAUSSIAN_PARAMETER)) {
            throw new ArithmeticException("random_gaussian's parameter must be at least " + MIN_GAUSSIAN_PARAMETER
                    + ", got " + parameter);
        }
        double stdev;
        do {
            double rand1 = random.nextDouble();
            double rand2 = random.nextDouble();
            double varSqrt = Math.sqrt(-2.0 * Math.log(1.0 - rand1));
            stdev = varSqrt * Math.sin(2.0 * Math.PI * rand2);
        } while (stdev < -parameter || stdev >= parameter);
        double rand = (stdev + parameter) / (parameter * 2.0);
        return lo + (long) ((hi - lo + 1) * rand);
    }

    /**
     * {@code random_zipfian(lo, hi, s)}: value {@code lo + k - 1} drawn with probability proportional to
     * {@code 1 / k^s}, by the rejection method pgbench takes from Devroye (Non-Uniform Random Variate
     * Generation, p. 550-551).
     */
    static long zipfian(SplittableRandom random, long lo, long hi, double s) {
        checkRange("random_zipfian", lo, hi);
        if (!(s >= MIN_ZIPFIAN_PARAMETER && s <= MAX_ZIPFIAN_PARAMETER)) {
            throw new ArithmeticException("random_zipfian's parameter must be from " + MIN_ZIPFIAN_PARAMETER
                    + " to " + MAX_ZIPFIAN_PARAMETER + ", got " + s);
        }
        long n = hi - lo + 1;
        double b = Math.pow(2.0, s - 1.0);
        double x;
        while (true) {
            double u = random.nextDouble();
            double v = random.nextDouble();
            x = Math.floor(Math.pow(u, -1.0 / (s - 1.0)));
            double t = Math.pow(1.0 + 1.0 / x, s - 1.0);
            if (v * x * (t - 1.0) / (b - 1.0) <= t / b && x <= n) {
                break;
            }
        }
        return lo - 1 + (long) x;
    }

    private static void checkRange(String function, long lo, long hi) {
        if (lo > hi) {
            throw new ArithmeticException(function + ": empty range, " + lo + " > " + hi);
        }
    }

    private static long randomInFullRange(SplittableRandom random, long lo, long hi) {
        while (true) {
            long r = random.nextLong();
            if (r >= lo && r <= hi) {
                return r;
            }
        }
    }
}
