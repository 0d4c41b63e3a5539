package dev.dbpool.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs on a real PostgreSQL: shorthand for {@code @ExtendWith(DbpoolExtension.class)}.
 * Its test (and lifecycle) methods and constructor may then declare {@link DbpoolDatabase}, a
 * {@link Pool @Pool("service")} {@code DbPool}, {@code DataSource} or {@code DbConfig}, and the
 * {@code MeterRegistry} those pools register with. See {@link DbpoolExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DbpoolExtension.class)
public @interface DbpoolTest {
}
