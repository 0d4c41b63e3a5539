package dev.dbpool.cli.e2e;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Watches a soak's {@code slowdown} fault from the database's side: polls {@code pg_locks} for a granted
 * {@code ACCESS EXCLUSIVE} lock on one table, so that the test knows when the fault really began and
 * ended, with no guess about the soak's start-up time.
 *
 * <p>Each edge is bracketed by two polls: the fault began after {@link #lastSeenFree()} and by
 * {@link #firstSeenHeld()}; it ended after {@link #lastSeenHeld()} and by {@link #firstSeenFreeAgain()}.
 */
final class TableLockWatch implements AutoCloseable {

    private static final long POLL_MILLIS = 100;
    private static final String HELD = "SELECT count(*) FROM pg_locks l "
            + "JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE l.mode = 'AccessExclusiveLock' AND l.granted AND n.nspname = ? AND c.relname = ?";

    private final Connection connection;
    private final PreparedStatement held;
    private final Thread thread;

    private Instant lastSeenFree;
    private Instant firstSeenHeld;
    private Instant lastSeenHeld;
    private Instant firstSeenFreeAgain;
    private SQLException failure;

    private TableLockWatch(Connection connection, String schema, String table) throws SQLException {
        this.connection = connection;
        this.held = connection.prepareStatement(HELD);
        held.setString(1, schema);
        held.setString(2, table);
        this.thread = new Thread(this::poll, "e2e-lock-watch");
        thread.setDaemon(true);
    }

    /** Starts watching {@code schema.table} on a connection of its own. */
    static TableLockWatch start(Callable<Connection> admin, String schema, String table) throws Exception {
        TableLockWatch watch = new TableLockWatch(admin.call(), schema, table);
        watch.thread.start();
        return watch;
    }

    /** Waits until the lock has been seen held; fails after {@code timeout}. */
    Instant awaitBegan(Duration timeout) throws InterruptedException {
        return await(timeout, "the slowdown fault to begin (its lock to be held)", true);
    }

    /** Waits until the lock has been seen released after being held; fails after {@code timeout}. */
    Instant awaitEnded(Duration timeout) throws InterruptedException {
        return await(timeout, "the slowdown fault to end (its lock to be released)", false);
    }

    synchronized boolean ended() {
        return firstSeenFreeAgain != null;
    }

    synchronized Instant lastSeenFree() {
        return lastSeenFree;
    }

    synchronized Instant firstSeenHeld() {
        return firstSeenHeld;
    }

    synchronized Instant lastSeenHeld() {
        return lastSeenHeld;
    }

    synchronized Instant firstSeenFreeAgain() {
        return firstSeenFreeAgain;
    }

    @Override
    public void close() throws Exception {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(5));
        connection.close();
    }

    private synchronized Instant await(Duration timeout, String what, boolean begin) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((begin ? firstSeenHeld : firstSeenFreeAgain) == null) {
            if (failure != null) {
                throw new AssertionError("cannot watch pg_locks: " + failure.getMessage(), failure);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
        return begin ? firstSeenHeld : firstSeenFreeAgain;
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Instant asked = Instant.now();
                boolean isHeld;
                try (ResultSet rs = held.executeQuery()) {
                    rs.next();
                    isHeld = rs.getLong(1) > 0;
                }
                record(isHeld, asked, Instant.now());
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            synchronized (this) {
                failure = e;
                notifyAll();
            }
        }
    }

    /**
     * The query saw the lock's state at some moment between {@code asked} and {@code answered}: a lower
     * bound of an edge takes {@code asked}, an upper bound takes {@code answered}.
     */
    private synchronized void record(boolean isHeld, Instant asked, Instant answered) {
        if (isHeld) {
            if (firstSeenHeld == null) {
                firstSeenHeld = answered;
            }
            if (firstSeenFreeAgain == null) {
                lastSeenHeld = asked;
            }
        } else if (firstSeenHeld == null) {
            lastSeenFree = asked;
        } else if (firstSeenFreeAgain == null) {
            firstSeenFreeAgain = answered;
        }
        notifyAll();
    }
}
