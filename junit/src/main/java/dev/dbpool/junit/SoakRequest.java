package dev.dbpool.junit;

/**
 * One request of a {@link Soak} of the service's own code: what the service does for one caller, with the
 * object {@link Soak.Builder#using} built on the pool under test, for example
 * {@code store -> store.place("ada", 1250)}.
 *
 * @param <T> the service's object (a repository, a store, a handler)
 */
@FunctionalInterface
public interface SoakRequest<T> {

    void run(T service) throws Exception;
}
