package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.db.DatabaseRestarter;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.DbConfig;

import java.sql.Connection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every run of a soak shares: the pool to build, the service's request threads, the workload and
 * where it lives, the faults and how to act on the database.
 *
 * @param pool      the preset pool on the soak's database
 * @param schema    the soak's schema, which holds {@code table}
 * @param table     the workload's table, unqualified
 * @param admin     opens a plain admin connection (not from the pool under test)
 * @param restarter stops and starts the server, when this soak may
 */
public record RunSetup(DbConfig pool, int threads, Workload workload, long seed, List<Fault> faults,
                       String schema, String table, Callable<Connection> admin,
                       Optional<DatabaseRestarter> restarter) {

    public RunSetup {
        Objects.requireNonNull(pool, "pool");
        faults = List.copyOf(faults);
    }
}
