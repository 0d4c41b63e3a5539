package dev.dbpool.runtime;

import dev.dbpool.runtime.admission.AdmissionPolicy;
import dev.dbpool.runtime.admission.ThresholdSettings;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;

/**
 * Admission control shed a request: the pool's admission policy refused it at once, or the
 * wait it allowed ran out. Either way the caller should answer "try later" (HTTP 503 with
 * {@code Retry-After: }{@link #retryAfter()}) rather than queue behind the pool.
 *
 * <p>A {@link SQLTransientConnectionException} so that code handling SQL errors already catches it,
 * and a transient one because retrying later can succeed. Its SQLState is {@value #SQL_STATE}, of
 * its own: class 53 ("insufficient resources") with an implementation-defined subclass, so that a
 * shed request is never mistaken in logs or by error translators for the server's own
 * {@code 53300 too_many_connections}.
 *
 * <p>It carries no stack trace and formats its message only when asked: it is thrown on purpose,
 * often, on the hot path of an overloaded service, where a stack trace and a {@code String.format}
 * would cost far more than the decision (Resilience4j's {@code CallNotPermittedException} skips the
 * stack trace too).
 */
public final class PoolExhaustedException extends SQLTransientConnectionException {

    private static final long serialVersionUID = 1L;
    /** Class 53, insufficient resources; subclass L01 (implementation-defined): shed by dbpool's admission control. */
    public static final String SQL_STATE = "53L01";

    private final String service;
    private final String policy;
    private final transient AdmissionPolicy decider;
    private final int active;
    private final int max;
    private final boolean waited;
    private final boolean overloaded;
    private final Duration retryAfter;

    private PoolExhaustedException(String service, String policy, Duration retryAfter, AdmissionPolicy decider,
                                   int active, int max, boolean waited, boolean overloaded) {
        super(null, SQL_STATE);
        this.service = service;
        this.policy = policy;
        this.decider = decider;
        this.active = active;
        this.max = max;
        this.waited = waited;
        this.overloaded = overloaded;
        this.retryAfter = retryAfter;
    }

    /**
     * The one factory: {@code decider}, the policy called {@code policy}, refused the request at once,
     * or ({@code waited}) the wait it allowed ran out.
     */
    public static PoolExhaustedException shed(String service, String policy, Duration retryAfter,
                                              AdmissionPolicy decider, int active, int max, boolean waited) {
        return new PoolExhaustedException(service, policy, retryAfter, decider, active, max, waited,
                decider.overloaded());
    }

    /** The threshold rule at {@code threshold} refused at {@code active} of {@code max}. */
    public static PoolExhaustedException of(String service, int active, int max, double threshold) {
        ThresholdSettings settings = new ThresholdSettings(threshold);
        return shed(service, settings.name(), settings.retryAfter(), settings.newPolicy(), active, max, false);
    }

    /**
     * The one message template: {@code auth-service pool exhausted, shed by codel: a queue has stood
     * for 100ms ... (active=16, max=16); retry after 100ms}.
     */
    @Override
    public String getMessage() {
        return service + " pool exhausted, shed by " + policy + ": "
                + decider.shedReason(active, max, waited, overloaded)
                + " (active=" + active + ", max=" + max + "); retry after " + retryAfter.toMillis() + "ms";
    }

    public String service() {
        return service;
    }

    /** The name of the policy that shed the request ({@code codel}, {@code threshold}, ...). */
    public String policy() {
        return policy;
    }

    /** active / max when the request came. */
    public double utilization() {
        return (double) active / max;
    }

    /** Connections held, plus acquisitions under way, when the request came. */
    public int active() {
        return active;
    }

    public int max() {
        return max;
    }

    /** True when the request waited all the policy allowed; false when it was refused at once. */
    public boolean waited() {
        return waited;
    }

    /** How long a caller should wait before trying again (the value of an HTTP {@code Retry-After}). */
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
