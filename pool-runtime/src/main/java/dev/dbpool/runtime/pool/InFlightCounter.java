package dev.dbpool.runtime.pool;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;

import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * Counts connections in use without asking HikariCP, whose {@code getActiveConnections()} walks the
 * connection bag: too slow to call on every request.
 *
 * <p>HikariCP tells its metrics tracker when a connection leaves the pool
 * ({@link #recordConnectionAcquiredNanos}); it comes back when its borrower closes it, which
 * {@link #track} sees (HikariCP's own report of a return is missing for a connection that broke while
 * borrowed). Every connection the pool hands out, through its API or its {@code DataSource}, is
 * tracked, so {@link #held()} is exact for every borrower. {@link #acquiring()} counts the acquisitions that the pool's own API has started and
 * not yet finished: requests already on their way to a connection, which backpressure must see too.
 *
 * <p>HikariCP also hands the tracker the time each borrow took, timed-out ones included, from the
 * clock reading it takes anyway; the counter passes it on, so that timing an acquisition costs no
 * clock reading of its own.
 */
public final class InFlightCounter implements MetricsTrackerFactory, IMetricsTracker {

    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger acquiring = new AtomicInteger();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final LongConsumer acquireNanos;

    /** Counts, and gives {@code acquireNanos} the duration of every borrow, timed out or not. */
    public InFlightCounter(LongConsumer acquireNanos) {
        this.acquireNanos = acquireNanos;
    }

    @Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return this;
    }

    /** Called for every borrow that ended, with or without a connection (then {@link #recordConnectionTimeout} follows). */
    @Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        held.incrementAndGet();
        acquireNanos.accept(elapsedAcquiredNanos);
    }

    /**
     * Not where a return is counted: HikariCP does not call this for a connection that broke while
     * borrowed. The borrower's {@code close()} gives the slot back instead ({@link #release()}).
     */
    @Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        // counted in release()
    }

    /** {@code connection}, just borrowed from HikariCP, wrapped so that closing it gives its slot back once. */
    public Connection track(Connection connection) {
        return new HeldConnection(connection, this);
    }

    /** A borrowed connection was closed by its borrower (see {@link HeldConnection}). */
    void release() {
        held.decrementAndGet();
    }

    /**
     * HikariCP reports a timed-out borrow through {@link #recordConnectionAcquiredNanos} too (so that
     * its wait is timed), then here: take back the connection that was never handed out.
     */
    @Override
    public void recordConnectionTimeout() {
        held.decrementAndGet();
        timeouts.incrementAndGet();
    }

    /** Starts an acquisition and returns held + acquiring, this one included. */
    public int startAcquire() {
        return acquiring.incrementAndGet() + held.get();
    }

    /** Ends an acquisition started with {@link #startAcquire()}, whether it got a connection or not. */
    public void finishAcquire() {
        acquiring.decrementAndGet();
    }

    /** Connections handed out and not yet returned. */
    public int held() {
        return held.get();
    }

    /** Acquisitions started through the pool's API and not finished. */
    public int acquiring() {
        return acquiring.get();
    }

    /** Acquisitions that HikariCP gave up on after the acquire timeout. */
    public int timeouts() {
        return timeouts.get();
    }
}
