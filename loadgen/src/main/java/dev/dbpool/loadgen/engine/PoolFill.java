package dev.dbpool.loadgen.engine;

import dev.dbpool.runtime.DbPool;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Opens a pool to its maximum before a run, as a service that has been up for a while has it. */
public final class PoolFill {

    private PoolFill() {
    }

    /**
     * Borrows {@code max} connections at once, then returns them all. Failures are left for the run to
     * show: its requests fail the same way.
     */
    public static void openEveryConnection(DbPool pool, int max) {
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < max; i++) {
                opened.add(pool.dataSource().getConnection());
            }
        } catch (SQLException e) {
            // the run will show it: requests fail the same way
        } finally {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // returned to the pool or evicted either way
                }
            }
        }
    }
}
