package dev.dbpool.runtime.admission;

import java.time.Duration;

/**
 * A policy's parameters, validated when built: what {@code DbPool.builder(config).admission(...)}
 * takes, what {@code DB_POOL_BACKPRESSURE_POLICY} names and what reports print. Immutable and
 * comparable by value (the built-in ones are records), so that two settings read from the same
 * environment are equal.
 *
 * <p>Settings make policies; a policy keeps the state of one pool, so every pool gets its own
 * {@link #newPolicy()}.
 */
public interface AdmissionSettings {

    /** The policy's name, as {@code DB_POOL_BACKPRESSURE_POLICY} and {@code dbpool soak --mode} spell it. */
    String name();

    /** A fresh policy with these parameters, for one pool. */
    AdmissionPolicy newPolicy();

    /** The name and the parameters, for logs and reports: {@code codel(target=5ms, interval=100ms)}. */
    String describe();

    /**
     * What a shed caller should wait before trying again (an HTTP {@code Retry-After}): about the time
     * the policy needs to see the pool healthy again.
     */
    Duration retryAfter();
}
