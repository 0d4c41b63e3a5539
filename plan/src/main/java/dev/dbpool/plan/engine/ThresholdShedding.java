package dev.dbpool.plan.engine;

import dev.dbpool.runtime.admission.ThresholdSettings;

/**
 * The share of requests the {@code threshold} backpressure policy sheds at a given load, modelled as
 * an Erlang B loss system. The policy rejects a request when {@code active / max > threshold} at the
 * moment it arrives, so it admits while fewer than {@code k} connections are in use, where {@code k}
 * is the smallest count the policy rejects at ({@code floor(threshold × max) + 1} for a threshold
 * below 1): {@code k} admitted slots, and an arrival that finds all {@code k} busy is shed. With
 * Poisson arrivals and exponential holds that is M/M/k/k, and the shed share is {@code B(k, a)}.
 * {@code k} is found with the runtime's own {@link ThresholdSettings#rejects(int, int)}, so the model
 * and the pool agree on the boundary. A threshold that never rejects ({@code 1.0}) sheds nothing: the
 * pool waits instead.
 */
public final class ThresholdShedding {

    private ThresholdShedding() {
    }

    /** The admitted slots {@code k}: the first in-use count the policy rejects at, or {@code max} when it never does. */
    public static int admittedSlots(int maxConnections, double threshold) {
        ThresholdSettings policy = new ThresholdSettings(threshold);
        for (int active = 0; active <= maxConnections; active++) {
            if (policy.rejects(active, maxConnections)) {
                return Math.max(1, active);
            }
        }
        return maxConnections;
    }

    /** {@code B(k, a)}, or 0 when the threshold never rejects. */
    public static double shedRatio(int maxConnections, double threshold, double load) {
        ThresholdSettings policy = new ThresholdSettings(threshold);
        if (!policy.rejects(maxConnections, maxConnections)) {
            return 0.0;
        }
        return ErlangC.erlangB(admittedSlots(maxConnections, threshold), load);
    }
}
