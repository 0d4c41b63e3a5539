package dev.dbpool.loadgen.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code kill} fault: {@code pg_terminate_backend} of the pool's sessions, at the start and every
 * {@link #INTERVAL_MILLIS} ms until the fault ends, so that connections the pool opens to replace the
 * dead ones die too. Only sessions this run's pool handed out are ended (their server pids, and their
 * application name and database as a second check).
 */
final class SessionKiller implements FaultAction {

    static final long INTERVAL_MILLIS = 500;
    private static final String TERMINATE = "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) "
            + "FROM pg_stat_activity WHERE pid = ANY (?) AND application_name = ? "
            + "AND datname = current_database() AND pid <> pg_backend_pid()";

    private final Callable<Connection> admin;
    private final SessionTracker sessions;
    private final String applicationName;
    private final AtomicLong terminated = new AtomicLong();
    private ScheduledExecutorService ticker;

    SessionKiller(Callable<Connection> admin, SessionTracker sessions, String applicationName) {
        this.admin = admin;
        this.sessions = sessions;
        this.applicationName = applicationName;
    }

    @Override
    public void begin() throws Exception {
        killOnce();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-fault-kill");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::killQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void end() throws InterruptedException {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    long terminated() {
        return terminated.get();
    }

    private void killQuietly() {
        try {
            killOnce();
        } catch (Exception e) {
            // the next tick tries again; a kill fault does not stop the run
        }
    }

    private void killOnce() throws Exception {
        Integer[] pids = sessions.drain();
        if (pids.length == 0) {
            return;
        }
        try (Connection c = admin.call(); PreparedStatement ps = c.prepareStatement(TERMINATE)) {
            ps.setArray(1, c.createArrayOf("int4", pids));
            ps.setString(2, applicationName);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                terminated.addAndGet(rs.getLong(1));
            }
        }
    }
}
