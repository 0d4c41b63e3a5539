package dev.dbpool.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The pool of a named service on the extension's database: {@code DbConfig.fromEnv(value)} (the service's
 * preset, then its {@code DB_*} variables from the process environment and from {@link #env()}), with the
 * test database's URL in place of {@code DATABASE_URL}. On a parameter of type {@code DbPool},
 * {@code DataSource} (the pool's {@link dev.dbpool.runtime.DbPool#dataSource()}) or {@code DbConfig}.
 *
 * <p>The pool is closed after the test (after the class when a constructor or {@code @BeforeAll} method
 * asked for it); within one test the same name and env give the same pool.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Pool {

    /** The service's name: a preset ({@code auth-service}) or any other name (conservative 5/1). */
    String value();

    /**
     * {@code NAME=VALUE} entries over the process environment, as the service's deployment sets them
     * ({@code "DB_MAX_CONNECTIONS=10"}). {@code DATABASE_URL} here is ignored: the test database wins.
     */
    String[] env() default {};

    /**
     * Whether the pool's {@code DataSource} admits with {@code BackpressureConfig.fromEnv(env)} (the default
     * policy unless {@code DB_POOL_BACKPRESSURE_POLICY} says otherwise), as the Spring Boot starter does by
     * default; {@code false} waits up to the acquire timeout like plain HikariCP.
     */
    boolean backpressure() default true;
}
