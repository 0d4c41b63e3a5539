package dev.dbpool.loadgen.db;

/** Stops and starts the soak's database server, for the {@code restart} fault. */
public interface DatabaseRestarter {

    void stop();

    void start();
}
