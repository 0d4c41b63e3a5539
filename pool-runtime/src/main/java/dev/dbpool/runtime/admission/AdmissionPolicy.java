package dev.dbpool.runtime.admission;

/**
 * Decides, for one request, whether it may wait for a connection and for how long; the pool enforces
 * the answer (concurrency-limits' split: a <em>Limit</em> computes, a <em>Limiter</em> enforces).
 *
 * <p>A policy is per pool and shared by every thread that borrows from it: {@link #admit} runs on
 * every request and must cost nanoseconds (no clock reading, no allocation, no lock on the healthy
 * path). The pool tells the policy what happened ({@link #onWaitEnded}, {@link #onReleased}) from
 * HikariCP's own metrics callbacks, so feedback costs no clock reading either.
 */
public interface AdmissionPolicy {

    /** {@link #admit}'s answer to refuse at once. */
    long REJECT = -1;

    /**
     * @param inUse   connections held plus acquisitions already under way, this request excluded
     * @param max     the pool's maximum size
     * @param timeout the pool's acquire timeout, ns: no wait is ever longer
     * @return the longest this request may wait for a connection, in ns (at most {@code timeout}), or
     * {@link #REJECT}
     */
    long admit(int inUse, int max, long timeout);

    /**
     * Whether {@link #admit} reads {@code inUse}. Counting it adds up the pool's striped counters, a
     * read of every stripe on every request; a policy that decides on something else (codel: how
     * long recent waits took) answers false, and then gets {@code inUse} = -1.
     */
    default boolean readsInUse() {
        return true;
    }

    /** An acquisition ended after waiting {@code waitedNanos}, with a connection or without one. */
    default void onWaitEnded(long waitedNanos) {
    }

    /** A borrowed connection went back to the pool after {@code heldMillis}. */
    default void onReleased(long heldMillis) {
    }

    /** True while the policy sees overload (its shedding regime); the {@code db_pool_admission_overloaded} gauge. */
    boolean overloaded();

    /**
     * Why a request was shed, for the exception message ({@code "utilization 0.88 > 0.85"}); called
     * only when the message is read, with the state the request saw.
     *
     * @param waited     whether the request waited its whole allowance (else it was refused at once)
     * @param overloaded {@link #overloaded()} when the request was shed
     */
    String shedReason(int inUse, int max, boolean waited, boolean overloaded);
}
