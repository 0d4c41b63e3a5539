package dev.dbpool.loadgen.faults;

import dev.dbpool.loadgen.db.DatabaseRestarter;
import dev.dbpool.loadgen.netfault.FaultProxy;

import java.sql.Connection;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What faults act on: admin sessions, the workload's table, the pool's sessions, the server.
 *
 * @param admin           opens a plain admin connection (not from the pool under test)
 * @param table           the workload's table, schema-qualified
 * @param sessions        the pool's sessions seen so far
 * @param applicationName the pool's application name (its service)
 * @param restarter       stops and starts the server, when this soak may
 * @param proxy           the proxy between the pool and the database, when the scenario has network faults
 */
public record FaultContext(Callable<Connection> admin, String table, SessionTracker sessions,
                           String applicationName, Optional<DatabaseRestarter> restarter,
                           Optional<FaultProxy> proxy) {

    public FaultContext(Callable<Connection> admin, String table, SessionTracker sessions,
                        String applicationName, Optional<DatabaseRestarter> restarter) {
        this(admin, table, sessions, applicationName, restarter, Optional.empty());
    }
}
