package dev.dbpool.loadgen.model;

import javax.sql.DataSource;

/**
 * The service's own code as a soak's request, instead of the built-in workload or scripts: for each run
 * it is built on the {@link DataSource} of that run's pool (the pool under test, with the run's
 * admission), and each request calls it once. A refusal or an acquire timeout the pool throws in it,
 * wrapped or not, counts as {@code rejected} or {@code timed_out}; anything else it throws is an error.
 */
@FunctionalInterface
public interface ServiceCode {

    /** Builds the service's objects on {@code pool}, once per run, and says what one request does with them. */
    Request start(DataSource pool) throws Exception;

    /**
     * Once, before the runs: creates what the service's code needs (its tables) on {@code schema}, whose
     * connections have the soak's own schema first on their {@code search_path}, so that what it creates
     * without a schema lands there and is dropped with it. Nothing by default.
     */
    default void init(DataSource schema) throws Exception {
    }

    /** One request of the service. */
    @FunctionalInterface
    interface Request {
        /** @param index the request's index in the run's schedule (seeded, the same in every run) */
        void run(int index) throws Exception;
    }
}
