package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.db.DatabaseRestarter;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.ServiceCode;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.loadgen.netfault.FaultProxy;
import dev.dbpool.loadgen.workload.ScriptMix;
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
 * @param retry     how the clients retry failed requests
 * @param proxy     the proxy the pool reaches the database through, when the scenario has network faults
 *                  ({@code pool}'s URL then points at it)
 * @param scripts   the workload scripts the requests run instead of {@code workload}, when given
 * @param service   the service's own code the requests call instead, when given
 */
public record RunSetup(DbConfig pool, int threads, Workload workload, long seed, List<Fault> faults,
                       String schema, String table, Callable<Connection> admin,
                       Optional<DatabaseRestarter> restarter, RetryPolicy retry, Optional<FaultProxy> proxy,
                       Optional<ScriptMix> scripts, Optional<ServiceCode> service) {

    public RunSetup {
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(scripts, "scripts");
        Objects.requireNonNull(service, "service");
        faults = List.copyOf(faults);
    }

    /** The built-in workload. */
    public RunSetup(DbConfig pool, int threads, Workload workload, long seed, List<Fault> faults,
                    String schema, String table, Callable<Connection> admin,
                    Optional<DatabaseRestarter> restarter, RetryPolicy retry, Optional<FaultProxy> proxy) {
        this(pool, threads, workload, seed, faults, schema, table, admin, restarter, retry, proxy, Optional.empty(),
                Optional.empty());
    }

    /** Without retries and without a proxy. */
    public RunSetup(DbConfig pool, int threads, Workload workload, long seed, List<Fault> faults,
                    String schema, String table, Callable<Connection> admin, Optional<DatabaseRestarter> restarter) {
        this(pool, threads, workload, seed, faults, schema, table, admin, restarter, RetryPolicy.NONE, Optional.empty());
    }
}
