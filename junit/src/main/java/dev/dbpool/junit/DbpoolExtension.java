package dev.dbpool.junit;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import javax.sql.DataSource;
import java.util.Arrays;

/**
 * Gives a test a real PostgreSQL and the pools of named services on it (use {@link DbpoolTest} or
 * {@code @ExtendWith(DbpoolExtension.class)}). It resolves parameters of test methods, lifecycle methods
 * and constructors:
 * <ul>
 *   <li>{@link DbpoolDatabase}: the database (URL, admin connections, faults);</li>
 *   <li>{@code @Pool("auth-service") DbPool}, {@code DataSource} or {@code DbConfig}: the service's pool
 *       (preset and env, see {@link Pool}) on that database, closed when the test (or, for a constructor
 *       or {@code @BeforeAll}, the class) is done;</li>
 *   <li>{@code MeterRegistry}: the {@code SimpleMeterRegistry} the pools of the same test register with.</li>
 * </ul>
 * Nothing is started until a parameter asks for it. When no database can be reached, the parameter's
 * resolution fails with where the extension looked (env, Docker, embedded) and why.
 */
public final class DbpoolExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DbpoolExtension.class);
    private static final String REGISTRY = "registry";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (parameter.isAnnotated(Pool.class)) {
            return type == DbPool.class || type == DataSource.class || type == DbConfig.class;
        }
        return type == DbpoolDatabase.class || type == MeterRegistry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == MeterRegistry.class && !parameter.isAnnotated(Pool.class)) {
            return registry(context);
        }
        DbpoolDatabase database = database(parameter);
        if (type == DbpoolDatabase.class) {
            return database;
        }
        Pool pool = parameter.findAnnotation(Pool.class).orElseThrow();
        if (type == DbConfig.class) {
            return database.config(pool.value(), pool.env());
        }
        DbPool resolved = pool(database, pool, context);
        return type == DataSource.class ? resolved.dataSource() : resolved;
    }

    private static DbpoolDatabase database(ParameterContext parameter) {
        try {
            return DbpoolDatabase.shared();
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("dbpool: no database for " + describe(parameter) + ": "
                    + e.getMessage(), e);
        }
    }

    private static MeterRegistry registry(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(REGISTRY, k -> new SimpleMeterRegistry(),
                MeterRegistry.class);
    }

    private static DbPool pool(DbpoolDatabase database, Pool pool, ExtensionContext context) {
        String key = "pool:" + pool.value() + Arrays.toString(pool.env()) + ":" + pool.backpressure();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        OpenPool open = store.getOrComputeIfAbsent(key, k -> new OpenPool(pool.backpressure()
                ? database.pool(pool.value(), registry(context), pool.env())
                : DbPool.builder(database.config(pool.value(), pool.env()))
                        .meterRegistry(registry(context)).build()), OpenPool.class);
        return open.pool();
    }

    private static String describe(ParameterContext parameter) {
        String owner = parameter.getDeclaringExecutable().getDeclaringClass().getSimpleName() + "."
                + parameter.getDeclaringExecutable().getName();
        return "parameter " + parameter.getIndex() + " (" + parameter.getParameter().getType().getSimpleName()
                + ") of " + owner;
    }

    /** A pool in the test's store: JUnit closes stored {@link AutoCloseable}s when their context ends. */
    record OpenPool(DbPool pool) implements AutoCloseable {
        @Override
        public void close() {
            pool.close();
        }
    }
}
