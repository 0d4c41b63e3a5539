package dev.dbpool.loadgen.faults;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server process ids of the sessions this run's pool has handed out, read from the connection
 * itself (the id comes with the session's startup, no query). The {@code kill} fault terminates
 * exactly these, so that a soak against a shared server never touches another client's sessions,
 * even one with the same application name.
 */
public final class SessionTracker {

    private final Set<Integer> pids = ConcurrentHashMap.newKeySet();

    public void track(Connection connection) {
        try {
            pids.add(connection.unwrap(PGConnection.class).getBackendPID());
        } catch (SQLException | RuntimeException e) {
            // Not a pgjdbc connection: nothing to track, and kill faults will find nothing to end.
        }
    }

    /** The sessions seen so far, and forgets them: the caller is about to end them. */
    public Integer[] drain() {
        Integer[] seen = pids.toArray(Integer[]::new);
        for (Integer pid : seen) {
            pids.remove(pid);
        }
        return seen;
    }
}
