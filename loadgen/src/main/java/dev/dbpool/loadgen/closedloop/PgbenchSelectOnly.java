package dev.dbpool.loadgen.closedloop;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * pgbench's built-in select-only transaction ({@code pgbench -S}) on the tables {@code pgbench -i}
 * creates: {@code SELECT abalance FROM pgbench_accounts WHERE aid = :aid} with {@code aid} uniform in
 * 1 .. 100,000 × scale, one statement in autocommit, no {@code BEGIN}/{@code END}, exactly as
 * pgbench runs it. The scale is read from {@code pgbench_branches}, as pgbench reads it.
 */
public final class PgbenchSelectOnly implements ClosedLoopWorkload {

    /** pgbench's statement, with {@code ?} for {@code :aid}. */
    public static final String SQL = "SELECT abalance FROM pgbench_accounts WHERE aid = ?";
    /** pgbench's {@code naccounts}: accounts per unit of scale. */
    public static final int ACCOUNTS_PER_SCALE = 100_000;

    private final int scale;
    private final long seed;

    public PgbenchSelectOnly(int scale, long seed) {
        if (scale < 1 || (long) scale * ACCOUNTS_PER_SCALE > Integer.MAX_VALUE) {
            throw new InvalidConfigException("pgbench scale must be from 1 to "
                    + Integer.MAX_VALUE / ACCOUNTS_PER_SCALE + ", got '" + scale + "'");
        }
        this.scale = scale;
        this.seed = seed;
    }

    /**
     * Reads the scale of the pgbench tables that {@code connection} sees (its {@code search_path}).
     *
     * @throws InvalidConfigException when there are none: {@code pgbench -i} has not run on that database
     */
    public static PgbenchSelectOnly read(Connection connection, long seed) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pgbench_branches")) {
            rs.next();
            int scale = rs.getInt(1);
            if (scale < 1) {
                throw new InvalidConfigException("pgbench_branches is empty: initialise the tables with "
                        + "'pgbench -i -s SCALE' first");
            }
            return new PgbenchSelectOnly(scale, seed);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined_table
                throw new InvalidConfigException("no pgbench tables in this database (" + e.getMessage()
                        + "): create them with 'pgbench -i -s SCALE' first");
            }
            throw e;
        }
    }

    public int scale() {
        return scale;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "pgbench select-only, scale %d (aid uniform in 1..%d), prepared, autocommit",
                scale, accounts());
    }

    @Override
    public List<String> sql() {
        return List.of(SQL);
    }

    @Override
    public Client client(int index) {
        SplittableRandom random = new SplittableRandom(seed + index);
        PreparedPerConnection select = new PreparedPerConnection(SQL);
        int accounts = accounts();
        return connection -> {
            PreparedStatement statement = select.on(connection);
            try {
                statement.setInt(1, 1 + random.nextInt(accounts));
                try (ResultSet rs = statement.executeQuery()) {
                    rs.next();
                    rs.getInt(1);
                }
            } catch (SQLException e) {
                select.discard(connection);
                throw e;
            }
        };
    }

    private int accounts() {
        return scale * ACCOUNTS_PER_SCALE;
    }
}
