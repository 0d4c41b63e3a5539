package dev.dbpool.loadgen.faults;

import dev.dbpool.loadgen.db.DatabaseRestarter;

/** The {@code restart} fault: the server is stopped (fast shutdown) when it starts and started when it ends. */
final class ServerRestart implements FaultAction {

    private final DatabaseRestarter restarter;

    ServerRestart(DatabaseRestarter restarter) {
        this.restarter = restarter;
    }

    @Override
    public void begin() {
        restarter.stop();
    }

    @Override
    public void end() {
        restarter.start();
    }
}
