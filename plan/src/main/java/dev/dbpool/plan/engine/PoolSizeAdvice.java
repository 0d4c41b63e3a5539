package dev.dbpool.plan.engine;

import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.Traffic;

import java.util.Optional;
import java.util.OptionalInt;

/** Says how a configured pool size compares with the Little's-law size, in the table and in a sentence. */
final class PoolSizeAdvice {

    private PoolSizeAdvice() {
    }

    /**
     * For the table: {@code too small: peak needs 15}, {@code fit leaves 9 < peak 11},
     * {@code ample: peak needs 4} (half the max or less would do; the rest is burst room or waste), or
     * {@code ok: peak needs 9}.
     */
    static String shortForm(int max, OptionalInt fitted, int recommended) {
        if (recommended > max) {
            return "too small: peak needs " + recommended;
        }
        if (fitted.isPresent() && fitted.getAsInt() < recommended) {
            return "fit leaves " + fitted.getAsInt() + " < peak " + recommended;
        }
        if (recommended * 2 <= max) {
            return "ample: peak needs " + recommended;
        }
        return "ok: peak needs " + recommended;
    }

    /** A full sentence when the size needs attention (too small, or cut too far by the fit). */
    static Optional<String> sentence(ServicePlan service, Traffic traffic, double threshold, OptionalInt fitted,
                                     int recommended) {
        String why = traffic.peakQps().stripTrailingZeros().toPlainString() + " qps at peak x "
                + traffic.holdMs().stripTrailingZeros().toPlainString() + " ms held, over " + service.replicas()
                + (service.replicas() == 1 ? " replica" : " replicas") + ", needs " + recommended
                + " connections per replica to stay under the " + threshold + " backpressure threshold";
        if (recommended > service.maxConnections()) {
            return Optional.of(service.name() + ": " + why + "; max_connections is " + service.maxConnections()
                    + ", so it will shed load at peak");
        }
        if (fitted.isPresent() && fitted.getAsInt() < recommended) {
            return Optional.of(service.name() + ": " + why + "; the fit leaves it " + fitted.getAsInt());
        }
        return Optional.empty();
    }
}
