package dev.dbpool.rules.model;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.ServicePreset;

/**
 * One service's pool as a plan describes it: the pool size of one replica and the backpressure
 * threshold it runs with. Per-service alert thresholds are computed from these two numbers.
 */
public record ServicePool(String name, int maxConnections, double backpressureThreshold) {

    public ServicePool {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("service name must not be empty");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException(name + ": max_connections must be at least 1, got " + maxConnections);
        }
        BackpressureConfig.of(backpressureThreshold); // validates 0.0..1.0 in the one place that knows the rule
    }

    /** The preset's pool size (or the conservative default) with the default backpressure threshold. */
    public static ServicePool fromPreset(String name) {
        return new ServicePool(name, ServicePreset.forService(name).maxConnections(), BackpressureConfig.DEFAULT_THRESHOLD);
    }
}
