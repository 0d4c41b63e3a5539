package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.workload.ScriptMix;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Requests that run workload scripts. {@code :client_id} is the simulated client a request stands for:
 * its index modulo the service's request threads (the index itself with a virtual thread per request),
 * so it does not depend on which thread happened to run it.
 */
public final class ScriptWork implements RequestWork {

    private final ScriptMix scripts;
    private final long seed;
    private final int clients;

    public ScriptWork(ScriptMix scripts, long seed, int clients) {
        this.scripts = scripts;
        this.seed = seed;
        this.clients = clients;
    }

    @Override
    public void execute(Connection connection, int index) throws SQLException {
        long clientId = clients == RequestThreads.VIRTUAL ? index : Math.floorMod(index, clients);
        scripts.run(connection, seed, index, clientId);
    }
}
