package dev.dbpool.loadgen.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a fault does. Every kind acts on the database, the network between the pool and the database,
 * or the arrivals, never on the generator's own code.
 */
public enum FaultKind {
    /**
     * The database is slow: an admin session holds {@code ACCESS EXCLUSIVE} on the workload's table for
     * the fault's length, as a migration's {@code ALTER TABLE} would. Every request that touches the
     * table stalls, holding its connection, until the lock is released.
     */
    SLOWDOWN,
    /** {@code pg_terminate_backend} of the pool's sessions, every 500 ms for the fault's length. */
    KILL,
    /** The database is stopped at the start and started again at the end (embedded server, or {@code --pg-ctl}). */
    RESTART,
    /** The arrival rate is multiplied by a factor (default 3) for the fault's length. */
    SPIKE,
    /** The network: every chunk between the pool and the database is delayed by the fault's delay ({@code latency:40ms}). */
    LATENCY,
    /** The network: bytes stop flowing both ways for the fault's length; no reset, connections stay open. */
    BLACKHOLE,
    /** The network: every connection between the pool and the database is reset at once (length 0). */
    RESET,
    /**
     * A named table is locked: an admin session holds {@code ACCESS EXCLUSIVE} on it for the fault's
     * length ({@code lock:orders@12s+8s}), the table resolved through the workload's {@code search_path}.
     * {@link #SLOWDOWN} for any workload.
     */
    LOCK;

    /** Acts on the soak's proxy between the pools and the database. */
    public boolean isNetwork() {
        return this == LATENCY || this == BLACKHOLE || this == RESET;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FaultKind> find(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }

    /** {@code slowdown|kill|restart|spike|latency|blackhole|reset|lock}, for error messages. */
    public static String labels() {
        return Arrays.stream(values()).map(FaultKind::label).collect(Collectors.joining("|"));
    }
}
