package dev.dbpool.loadgen.closedloop;

import dev.dbpool.loadgen.engine.RequestWork;
import dev.dbpool.loadgen.engine.ScriptWork;
import dev.dbpool.loadgen.engine.WorkloadStatements;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.loadgen.workload.ScriptMix;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What each client of a {@link ClosedLoopRun} does with a borrowed connection, transaction after
 * transaction: {@link PgbenchSelectOnly} (pgbench's built-in select-only script, on pgbench's tables)
 * or {@link #soak} (the soak's own transaction).
 */
public interface ClosedLoopWorkload {

    /** One line for the printout, for example {@code pgbench select-only, scale 10}. */
    String description();

    /** The SQL of one transaction, in order, {@code ?} for the parameters. */
    List<String> sql();

    /**
     * The work of client {@code index}, used by that client's thread only, so that it can keep
     * state (its random numbers, its prepared statements) without sharing or locking.
     */
    Client client(int index);

    /** One client's transactions. */
    @FunctionalInterface
    interface Client {
        /** Runs one transaction on a connection just borrowed from the pool; the caller returns it. */
        void execute(Connection connection) throws SQLException;
    }

    /**
     * The soak's transaction ({@link Workload}: a primary-key {@code SELECT}, an {@code UPDATE},
     * the hold, {@code COMMIT}) on the {@code accounts} table in {@code schema}. Client {@code i}
     * runs requests {@code i}, {@code i + clients}, {@code i + 2 clients}, ...: the soak's seeded
     * rows, without a counter shared between threads.
     */
    static ClosedLoopWorkload soak(String schema, Workload workload, long seed, int clients) {
        WorkloadStatements statements = new WorkloadStatements(schema, workload, seed);
        return new ClosedLoopWorkload() {
            @Override
            public String description() {
                return String.format(java.util.Locale.ROOT, "soak transaction, %d rows, %d%% writes, hold %s",
                        workload.rows(), workload.writePercent(), DurationText.format(workload.hold()));
            }

            @Override
            public List<String> sql() {
                return statements.sql();
            }

            @Override
            public Client client(int index) {
                return strided(statements, index, clients);
            }
        };
    }

    /**
     * Workload scripts, each transaction one request's script chosen by weight. Client {@code i} runs
     * requests {@code i}, {@code i + clients}, ... with {@code :client_id} {@code i}.
     */
    static ClosedLoopWorkload scripts(ScriptMix scripts, long seed, int clients) {
        ScriptWork work = new ScriptWork(scripts, seed, clients);
        return new ClosedLoopWorkload() {
            @Override
            public String description() {
                return "scripts " + scripts.scripts();
            }

            @Override
            public List<String> sql() {
                return scripts.scripts().stream().flatMap(s -> s.script().sql().stream()).toList();
            }

            @Override
            public Client client(int index) {
                return strided(work, index, clients);
            }
        };
    }

    /** Client {@code index} of {@code clients} runs requests {@code index}, {@code index + clients}, ... */
    private static Client strided(RequestWork work, int index, int clients) {
        int[] next = {index};
        return connection -> {
            work.execute(connection, next[0]);
            next[0] += clients;
        };
    }
}
