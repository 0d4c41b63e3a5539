package dev.dbpool.runtime.internal;

import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.metrics.IMetricsTracker;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.PoolStats;
import dev.dbpool.runtime.admission.AdmissionPolicy;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * The one place that counts connections in use: both edges of every borrow, as HikariCP itself sees
 * them, whoever the borrower is (the pool's API, its {@code DataSource}, or code that unwrapped the
 * {@code HikariDataSource}), however the connection comes back.
 *
 * <p>HikariCP tells its metrics tracker when a connection leaves the pool
 * ({@link #recordConnectionAcquiredNanos}) and when it is returned
 * ({@link #recordConnectionUsageMillis}), whether the borrower closed it directly or through
 * {@code Statement.getConnection()}, once however often it is closed. Three ends of a borrow are not
 * reported as a return, and each is counted here instead:
 * <ul>
 *   <li>a borrow that timed out: HikariCP reports it as acquired, to time it, then
 *       {@link #recordConnectionTimeout} follows;</li>
 *   <li>a connection that broke while borrowed (SQLState 08xxx, 57P01, ... after the server killed
 *       the session): HikariCP evicts it and its proxy's {@code close()} then reports nothing.
 *       HikariCP asks its {@link SQLExceptionOverride} about every such error, on the borrower's
 *       thread, while the connection is still borrowed and exactly once per connection (it stops
 *       asking once the proxy is closed); this ledger is that override and counts the eviction when
 *       it lets it happen ({@link #adjudicate});</li>
 *   <li>a borrowed connection evicted by {@code HikariDataSource.evictConnection}
 *       ({@link #evictedWhileBorrowed}, from {@link AccountedHikariDataSource}).</li>
 * </ul>
 * {@link #acquiring()} counts the acquisitions that the pool's admission has let in and not yet
 * finished: requests on their way to a connection, which admission and {@code DbPool.drain} must see too.
 *
 * <p>HikariCP also hands the tracker the time each borrow took, timed-out ones included, from the
 * clock reading it takes anyway; the ledger passes it on to the histogram and the admission policies,
 * so that timing an acquisition costs no clock reading of its own.
 */
public final class BorrowLedger implements MetricsTrackerFactory, IMetricsTracker, SQLExceptionOverride {

    /** HikariCP's own list (ProxyConnection.ERROR_STATES / ERROR_CODES): a test keeps them equal. */
    static final Set<String> FATAL_SQL_STATES = Set.of("0A000", "57P01", "57P02", "57P03", "01002", "JZ0C0", "JZ0C1");
    static final Set<Integer> FATAL_ERROR_CODES = Set.of(500150, 2399, 1105);

    /** Connections borrowed and not given back: striped, since every borrow and return writes it. */
    private final StripedCount held = new StripedCount();
    /** Acquisitions under way: striped for the same reason, and every acquisition writes it twice. */
    private final StripedCount acquiring = new StripedCount();
    private final AtomicInteger timeouts = new AtomicInteger();
    private final LongConsumer acquireNanos;
    /** The policies that act on waits, and those that act on returns: each edge calls only its own. */
    private volatile AdmissionPolicy.WaitListener[] waitListeners = new AdmissionPolicy.WaitListener[0];
    private volatile AdmissionPolicy.ReleaseListener[] releaseListeners = new AdmissionPolicy.ReleaseListener[0];

    /** Counts, and gives {@code acquireNanos} the duration of every borrow, timed out or not. */
    public BorrowLedger(LongConsumer acquireNanos) {
        this.acquireNanos = acquireNanos;
    }

    /**
     * {@code policy} is told of every wait and every return from now on, through the listeners it
     * implements ({@link AdmissionPolicy.WaitListener}, {@link AdmissionPolicy.ReleaseListener}); a
     * policy that implements neither costs the borrow edges nothing.
     */
    public synchronized void observe(AdmissionPolicy policy) {
        if (policy instanceof AdmissionPolicy.WaitListener listener) {
            waitListeners = with(waitListeners, listener);
        }
        if (policy instanceof AdmissionPolicy.ReleaseListener listener) {
            releaseListeners = with(releaseListeners, listener);
        }
    }

    /** {@code policy} hears of nothing any more. */
    public synchronized void forget(AdmissionPolicy policy) {
        waitListeners = without(waitListeners, policy);
        releaseListeners = without(releaseListeners, policy);
    }

    private static <T> T[] with(T[] current, T listener) {
        T[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = listener;
        return next;
    }

    private static <T> T[] without(T[] current, Object policy) {
        return Arrays.stream(current).filter(l -> l != policy)
                .toArray(n -> Arrays.copyOf(current, n));
    }

    @java.lang.Override
    public IMetricsTracker create(String poolName, PoolStats poolStats) {
        return this;
    }

    /** Every borrow that ended, with or without a connection (then {@link #recordConnectionTimeout} follows). */
    @java.lang.Override
    public void recordConnectionAcquiredNanos(long elapsedAcquiredNanos) {
        held.increment();
        acquireNanos.accept(elapsedAcquiredNanos);
        for (AdmissionPolicy.WaitListener listener : waitListeners) {
            listener.onWaitEnded(elapsedAcquiredNanos);
        }
    }

    /** A borrowed connection came back to the pool. */
    @java.lang.Override
    public void recordConnectionUsageMillis(long elapsedBorrowedMillis) {
        held.decrement();
        for (AdmissionPolicy.ReleaseListener listener : releaseListeners) {
            listener.onReleased(elapsedBorrowedMillis);
        }
    }

    /** HikariCP gave up on a borrow after its timeout: take back the connection that was never handed out. */
    @java.lang.Override
    public void recordConnectionTimeout() {
        held.decrement();
        timeouts.incrementAndGet();
    }

    /**
     * HikariCP asks about each exception of a borrowed connection's error chain in turn, and evicts the
     * connection at the first one its own rule calls fatal. This answer always lets HikariCP's rule
     * decide ({@code CONTINUE_EVICT}); when the exception is one that rule evicts for, the connection
     * leaves the pool without a return, and the ledger counts it here.
     */
    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        if (isFatal(e)) {
            held.decrement();
        }
        return SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** HikariCP's test of a broken connection, for one exception of the chain. */
    static boolean isFatal(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || FATAL_SQL_STATES.contains(state))
                || FATAL_ERROR_CODES.contains(e.getErrorCode());
    }

    /** A borrowed connection was evicted by {@code HikariDataSource.evictConnection}: it will not be returned. */
    void evictedWhileBorrowed() {
        held.decrement();
    }

    /** Starts an acquisition: it counts in {@link #inFlight()} until {@link #finishAcquire()}. */
    public void startAcquire() {
        acquiring.increment();
    }

    /** Ends an acquisition started with {@link #startAcquire()}, whether it got a connection or not. */
    public void finishAcquire() {
        acquiring.decrement();
    }

    /**
     * Connections held plus acquisitions under way: what a policy that reads the pool's occupancy
     * decides on. Adds every stripe of both counts, so it is read only by those policies
     * (through {@code AdmissionPolicy.Occupancy}) and when a request is shed.
     */
    public int inFlight() {
        return Math.max(0, acquiring.sum() + held.sum());
    }

    /**
     * Connections handed out and not yet returned: exact whenever no borrow or return is under way;
     * read during them, off by at most those under way (never below 0).
     */
    public int held() {
        return Math.max(0, held.sum());
    }

    /** Acquisitions started through the pool's API and not finished. */
    public int acquiring() {
        return Math.max(0, acquiring.sum());
    }

    /** Acquisitions that HikariCP gave up on after their timeout. */
    public int timeouts() {
        return timeouts.get();
    }
}
