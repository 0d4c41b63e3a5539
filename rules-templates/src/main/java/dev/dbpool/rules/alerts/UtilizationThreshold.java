package dev.dbpool.rules.alerts;

import dev.dbpool.rules.model.ServicePool;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Where {@code HighPoolUtilization} fires for one service's pool.
 *
 * <p>Utilization moves in steps of 1/max. Backpressure admits a request while
 * {@code active / max <= threshold}, so it starts rejecting at {@code K + 1} connections in use,
 * where {@code K = floor(threshold × max)}. A fleet-wide 80 % is right for a pool of 16 (it fires at
 * 13 of 16 = K, one connection before rejections) but useless for a pool of 4 or 8, where the
 * first step above 80 % is already rejecting. So with a plan each service fires at {@code K} of
 * its own pool, and never later than 5 points below its backpressure threshold, which keeps a
 * margin in large pools. The rule is written {@code > X} with X half a step below K/max, rounded
 * down to as few decimals as still separate the two steps.
 *
 * <p>A pool with {@code K = 0} (for example one connection) has no step before rejecting; its alert
 * fires at the backpressure threshold itself, and {@code PoolExhaustion} says the rest.
 */
public final class UtilizationThreshold {

    /** The original design's fleet-wide threshold, used without a plan and for services not in it. */
    public static final double DEFAULT = 0.80;
    /** How far below its backpressure threshold a large pool is warned. */
    static final double MARGIN = 0.05;

    private UtilizationThreshold() {
    }

    /** The {@code X} of {@code db_pool_utilization_ratio > X} for this pool. */
    public static double forPool(ServicePool pool) {
        int max = pool.maxConnections();
        double backpressure = pool.backpressureThreshold();
        int lastAdmitted = lastAdmitted(max, backpressure);
        if (lastAdmitted == 0) {
            return backpressure;
        }
        double lowerStep = (double) (lastAdmitted - 1) / max;
        double midpoint = (lastAdmitted - 0.5) / max;
        double step = roundDownSeparating(midpoint, lowerStep);
        // In decimal, so that 0.85 - 0.05 is 0.80 and not 0.7999999999999999.
        double margin = BigDecimal.valueOf(backpressure).subtract(BigDecimal.valueOf(MARGIN))
                .max(BigDecimal.ZERO).doubleValue();
        return Math.min(step, margin);
    }

    /** K: the most connections in use at which backpressure still admits a request. */
    static int lastAdmitted(int max, double backpressure) {
        int k = (int) Math.floor(backpressure * max);
        // floor(0.85 × 20) may come out as 16.999…; the runtime compares active / max, so trust that.
        while (k < max && (double) (k + 1) / max <= backpressure) {
            k++;
        }
        while (k > 0 && (double) k / max > backpressure) {
            k--;
        }
        return k;
    }

    /** {@code value} rounded down to the fewest decimals (2 to 6) that keep it above {@code floor}. */
    private static double roundDownSeparating(double value, double floor) {
        for (int decimals = 2; decimals <= 6; decimals++) {
            double rounded = new BigDecimal(Double.toString(value)).setScale(decimals, RoundingMode.FLOOR).doubleValue();
            if (rounded > floor) {
                return rounded;
            }
        }
        return value;
    }

    /** The smallest utilization a pool of {@code max} can report that is above {@code threshold}. */
    static double firstStepAbove(double threshold, int max) {
        for (int active = 0; active <= max; active++) {
            double utilization = (double) active / max;
            if (utilization > threshold) {
                return utilization;
            }
        }
        throw new IllegalArgumentException("a pool of " + max + " never exceeds " + threshold);
    }

    /** The largest utilization a pool of {@code max} can report that is not above {@code threshold}. */
    static double lastStepNotAbove(double threshold, int max) {
        for (int active = max; active >= 0; active--) {
            double utilization = (double) active / max;
            if (utilization <= threshold) {
                return utilization;
            }
        }
        throw new IllegalArgumentException("a pool of " + max + " is always above " + threshold);
    }
}
