package dev.dbpool.junit;

import javax.sql.DataSource;

/**
 * Builds the service's object on the pool under test, once per run of a {@link Soak}, for example
 * {@code dataSource -> new OrderStore(dataSource)}.
 *
 * @param <T> the service's object
 */
@FunctionalInterface
public interface ServiceFactory<T> {

    /** @param dataSource the run's pool, with the run's admission policy behind {@code getConnection()} */
    T create(DataSource dataSource) throws Exception;
}
