package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The work one request does with its connection, in one transaction (see {@link Workload}). Which row
 * and whether it writes are derived from the seed and the request's index, so both modes do the same
 * work in the same order.
 */
public final class WorkloadStatements implements RequestWork {

    private final Workload workload;
    private final long seed;
    private final String select;
    private final String update;
    private final double holdSeconds;

    public WorkloadStatements(String schema, Workload workload, long seed) {
        this.workload = workload;
        this.seed = seed;
        String table = schema + ".accounts";
        this.select = "SELECT balance FROM " + table + " WHERE id = ?";
        this.update = "UPDATE " + table + " SET balance = balance + 1, updated_at = now() WHERE id = ?";
        this.holdSeconds = workload.hold().toNanos() / 1e9;
    }

    private static final String HOLD = "SELECT pg_sleep(?)";

    /** The statements of one transaction, in order, {@code ?} for the row id and the hold in seconds. */
    public List<String> sql() {
        List<String> sql = new ArrayList<>();
        sql.add(select);
        if (workload.writePercent() > 0) {
            sql.add(update);
        }
        if (holdSeconds > 0) {
            sql.add(HOLD);
        }
        return sql;
    }

    /** Runs request {@code index} on {@code connection} and commits. */
    @Override
    public void execute(Connection connection, int index) throws SQLException {
        long mixed = mix(seed + index);
        long id = Math.floorMod(mixed, (long) workload.rows()) + 1;
        boolean writes = Math.floorMod(mixed >>> 32, 100L) < workload.writePercent();
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement ps = connection.prepareStatement(select)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
            }
            if (writes) {
                try (PreparedStatement ps = connection.prepareStatement(update)) {
                    ps.setLong(1, id);
                    ps.executeUpdate();
                }
            }
            if (holdSeconds > 0) {
                try (PreparedStatement ps = connection.prepareStatement(HOLD)) {
                    ps.setDouble(1, workload.exponentialHold() ? exponential(mix(~mixed)) * holdSeconds : holdSeconds);
                    ps.execute();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // the session is likely gone; the pool evicts it on close
            }
            throw e;
        }
    }

    /** An Exp(1) draw from 53 well-spread bits: -ln(U), U uniform in (0, 1]. */
    private static double exponential(long bits) {
        double u = ((bits >>> 11) + 1) * 0x1.0p-53;
        return -Math.log(u);
    }

    /** SplitMix64's finalizer: a well-spread 64-bit value for each index. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
