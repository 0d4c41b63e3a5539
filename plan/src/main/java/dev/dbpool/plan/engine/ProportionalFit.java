package dev.dbpool.plan.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Scales every service's per-replica maximum down by one common factor so that the fleet fits a
 * budget, never below a floor (its minimum, and at least 1), never above its own maximum.
 *
 * <p>The method is the largest-remainder (Hamilton) apportionment, weighted by replicas:
 * <ol>
 *   <li>find the factor {@code s} with {@code Σ floorᵢ·rᵢ (pinned) + Σ maxᵢ·s·rᵢ (others) = budget},
 *       pinning to its floor every service whose share {@code maxᵢ·s} falls below its floor, until no
 *       new service is pinned;</li>
 *   <li>give every other service {@code ⌊maxᵢ·s⌋};</li>
 *   <li>hand the connections left over, one per service, to the largest remainders first, skipping a
 *       service whose replicas no longer fit in what is left.</li>
 * </ol>
 * Every scaled service therefore ends at {@code ⌊maxᵢ·s⌋} or {@code ⌈maxᵢ·s⌉}. The arithmetic is exact
 * (integers; {@code s} is kept as a fraction), so the result does not depend on floating-point rounding.
 */
public final class ProportionalFit {

    private ProportionalFit() {
    }

    /** One service's input: its configured max, its floor ({@code max(1, min)}) and its replicas. */
    public record Demand(int max, int floor, int replicas) {
        public Demand {
            if (replicas < 1 || floor < 1 || floor > max) {
                throw new IllegalArgumentException("need 1 <= floor <= max and replicas >= 1, got " + this);
            }
        }

        long allocated() {
            return (long) max * replicas;
        }

        long floorAllocated() {
            return (long) floor * replicas;
        }
    }

    /**
     * What the fit came to.
     *
     * @param sizes       the fitted per-replica maxima, in the order of the demands
     * @param pinned      which services sit at their floor because their proportional share fell below it
     * @param numerator   with {@code denominator}, the common factor {@code s} applied to the others
     *                    ({@code 1/1} when nothing was scaled)
     * @param denominator see {@code numerator}
     */
    public record Result(int[] sizes, boolean[] pinned, long numerator, long denominator) {

        /** The common factor as a number, for people. */
        public double factor() {
            return (double) numerator / denominator;
        }
    }

    /**
     * {@code a·b < c·d} for non-negative numbers, exactly: a large fleet's denominator times a pool size can
     * pass {@link Long#MAX_VALUE}, so the products are compared as 128-bit numbers.
     */
    static boolean productLess(long a, long b, long c, long d) {
        long high1 = Math.multiplyHigh(a, b);
        long high2 = Math.multiplyHigh(c, d);
        if (high1 != high2) {
            return high1 < high2;
        }
        return Long.compareUnsigned(a * b, c * d) < 0;
    }

    /**
     * Fits {@code demands} into {@code budget}.
     * <ul>
     *   <li>If the fleet already fits, every max is returned unchanged (a fit never scales up).</li>
     *   <li>If even the floors exceed the budget, the floors are returned: the least the fleet can be,
     *       still over budget, which the caller reports.</li>
     * </ul>
     */
    public static Result fit(List<Demand> demands, int budget) {
        int n = demands.size();
        int[] fitted = new int[n];
        boolean[] pinned = new boolean[n];
        long total = demands.stream().mapToLong(Demand::allocated).sum();
        if (total <= budget) {
            for (int i = 0; i < n; i++) {
                fitted[i] = demands.get(i).max();
            }
            return new Result(fitted, pinned, 1, 1);
        }
        long floors = demands.stream().mapToLong(Demand::floorAllocated).sum();
        if (floors >= budget) {
            for (int i = 0; i < n; i++) {
                fitted[i] = demands.get(i).floor();
                pinned[i] = true;
            }
            return new Result(fitted, pinned, 0, 1);
        }

        long numerator;
        long denominator;
        // s = numerator / denominator; pinning only ever lowers the others' demand, so this terminates.
        while (true) {
            numerator = budget;
            denominator = 0;
            for (int i = 0; i < n; i++) {
                Demand d = demands.get(i);
                if (pinned[i]) {
                    numerator -= d.floorAllocated();
                } else {
                    denominator += d.allocated();
                }
            }
            boolean newlyPinned = false;
            for (int i = 0; i < n; i++) {
                Demand d = demands.get(i);
                // maxᵢ·s < floorᵢ  ⇔  maxᵢ·numerator < floorᵢ·denominator
                if (!pinned[i] && productLess(d.max(), numerator, d.floor(), denominator)) {
                    pinned[i] = true;
                    newlyPinned = true;
                }
            }
            if (!newlyPinned) {
                break;
            }
        }

        long leftover = budget;
        List<Integer> scaled = new ArrayList<>();
        long[] remainder = new long[n];
        for (int i = 0; i < n; i++) {
            Demand d = demands.get(i);
            if (pinned[i]) {
                fitted[i] = d.floor();
            } else {
                long share = (long) d.max() * numerator;
                fitted[i] = (int) (share / denominator);
                remainder[i] = share % denominator;
                scaled.add(i);
            }
            leftover -= (long) fitted[i] * d.replicas();
        }

        // Largest remainder first; ties to the larger pool, then to the earlier service (stable output).
        scaled.sort(Comparator.<Integer>comparingLong(i -> remainder[i]).reversed()
                .thenComparing(Comparator.<Integer>comparingInt(i -> demands.get(i).max()).reversed())
                .thenComparingInt(i -> i));
        for (int i : scaled) {
            Demand d = demands.get(i);
            if (remainder[i] > 0 && fitted[i] < d.max() && d.replicas() <= leftover) {
                fitted[i]++;
                leftover -= d.replicas();
            }
        }
        return new Result(fitted, pinned, numerator, denominator);
    }
}
