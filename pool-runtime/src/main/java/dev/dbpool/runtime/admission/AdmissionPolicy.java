package dev.dbpool.runtime.admission;

/**
 * Decides, for one request, whether it may wait for a connection and for how long; the pool enforces
 * the answer (concurrency-limits' split: a <em>Limit</em> computes, a <em>Limiter</em> enforces).
 *
 * <p>A policy belongs to one pool and is shared by every thread that borrows from it: {@link #admit}
 * runs on every request and must cost nanoseconds (no lock, no allocation, no clock reading on the
 * healthy path). A policy that learns from what happened implements {@link WaitListener} or
 * {@link ReleaseListener}; the pool calls them from HikariCP's own borrow and return callbacks, so
 * that feedback costs no clock reading either, and calls nothing for a policy that implements neither.
 *
 * <p>A policy of your own is one class: implement this interface (and a listener if it needs one),
 * and give an instance to {@code DbPool.builder(config).admission(policy)}, one instance per pool.
 * To name it in settings and environment variables, implement {@link AdmissionSettings} as well.
 */
public interface AdmissionPolicy {

    /** {@link #admit}'s answer to refuse at once. */
    long REJECT = -1;

    /**
     * @param pool         what the pool holds right now, read on demand (each read adds up the pool's
     *                     striped counters, so read only what the decision needs)
     * @param timeoutNanos the pool's acquire timeout: no wait is ever longer
     * @return the longest this request may wait for a connection, in ns (at most {@code timeoutNanos}),
     * or {@link #REJECT}
     */
    long admit(Occupancy pool, long timeoutNanos);

    /**
     * True while the policy sees overload and sheds (the {@code db_pool_admission_overloaded} gauge,
     * and the pool monitor's warning).
     */
    boolean overloaded();

    /**
     * Why a request was shed, for the exception message ({@code "utilization 0.88 > 0.85"}); called
     * only when the message is read, with the state the request saw.
     *
     * @param inUse      connections held plus acquisitions under way, the shed request excluded
     * @param waited     whether the request waited its whole allowance (else it was refused at once)
     * @param overloaded {@link #overloaded()} when the request was shed
     */
    String shedReason(int inUse, int max, boolean waited, boolean overloaded);

    /** The pool as a policy sees it when it decides. */
    interface Occupancy {
        /** The pool's maximum size. */
        int max();

        /**
         * Connections held plus acquisitions already under way, the deciding request excluded: adds
         * up the pool's striped counters.
         */
        int inUse();

        /** Threads waiting for a connection right now (HikariCP's own count): one read. */
        int waiting();
    }

    /** A policy that learns from how long acquisitions waited. */
    interface WaitListener {
        /**
         * An acquisition ended after waiting {@code waitedNanos}, with a connection or without one;
         * on the borrower's thread, before it gets the connection.
         */
        void onWaitEnded(long waitedNanos);
    }

    /** A policy that learns from returns. */
    interface ReleaseListener {
        /** A borrowed connection went back to the pool after {@code heldMillis}; on the returning thread. */
        void onReleased(long heldMillis);
    }
}
