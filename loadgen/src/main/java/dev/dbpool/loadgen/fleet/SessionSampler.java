package dev.dbpool.loadgen.fleet;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts the server's client sessions every {@value #INTERVAL_MILLIS} ms from one superuser session
 * opened before the load (so it holds a slot whatever the pools do; a superuser may also take the
 * reserved slots), and the connections every pool holds at that moment.
 */
final class SessionSampler implements AutoCloseable {

    static final long INTERVAL_MILLIS = 200;
    private static final String QUERY = "SELECT count(*)::int, (count(*) FILTER (WHERE application_name IS DISTINCT FROM "
            + "'dbpool-soak-admin'))::int FROM pg_stat_activity WHERE backend_type = 'client backend'";

    private final Callable<Connection> admin;
    private final List<FleetRun.ServiceLoad> loads;
    private final ScheduledExecutorService timer;
    private final List<long[]> raw = new ArrayList<>(); // {nanoTime, sessions, fleetSessions, poolConnections}
    private Connection session;
    private volatile long origin;
    private volatile SessionSample last = new SessionSample(0, 0, 0, 0);
    private volatile int max;
    private boolean closed;

    private SessionSampler(Callable<Connection> admin, List<FleetRun.ServiceLoad> loads) {
        this.admin = admin;
        this.loads = loads;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fleet-session-sampler");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
    }

    /** Opens the admin session now and samples from now on. */
    static SessionSampler start(Callable<Connection> admin, List<FleetRun.ServiceLoad> loads) {
        SessionSampler sampler = new SessionSampler(admin, loads);
        sampler.origin = System.nanoTime();
        try {
            sampler.session = admin.call();
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the session that counts the server's sessions: " + e.getMessage(), e);
        }
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Sample times are reported from here: the start of the measured run. */
    void setOrigin(long originNanos) {
        this.origin = originNanos;
    }

    SessionSample last() {
        return last;
    }

    int max() {
        return max;
    }

    private void sample() {
        int pools = 0;
        for (FleetRun.ServiceLoad load : loads) {
            int held = load.pools.stream().mapToInt(p -> p.isClosed() ? 0 : p.totalConnections()).sum();
            load.sawConnections(held);
            pools += held;
        }
        long now = System.nanoTime();
        try {
            if (session == null || session.isClosed()) {
                session = admin.call();
            }
            try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
                rs.next();
                int sessions = rs.getInt(1);
                int fleet = rs.getInt(2);
                synchronized (raw) {
                    raw.add(new long[] {now, sessions, fleet, pools});
                }
                last = new SessionSample(TimeUnit.NANOSECONDS.toMillis(now - origin), sessions, fleet, pools);
                max = Math.max(max, sessions);
            }
        } catch (Exception e) {
            // the server is restarting, or the session was lost: reopen at the next tick
            try {
                if (session != null) {
                    session.close();
                }
            } catch (SQLException ignored) {
                // gone already
            }
            session = null;
        }
    }

    List<SessionSample> samples() {
        synchronized (raw) {
            return raw.stream().map(r -> new SessionSample(TimeUnit.NANOSECONDS.toMillis(r[0] - origin), (int) r[1],
                    (int) r[2], (int) r[3])).toList();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdown();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (session != null) {
                session.close();
            }
        } catch (SQLException ignored) {
            // closing anyway
        }
    }
}
