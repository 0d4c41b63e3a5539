package dev.dbpool.spring;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The beans of the dbpool auto-configuration, the same on every Spring Boot generation: the preset of
 * {@code spring.application.name}, the {@code DB_*} environment overrides, admission on every
 * {@code getConnection()}, the {@code db_pool_*} metrics in Boot's {@link MeterRegistry}, a drain on
 * shutdown. Every bean backs off when the service defines its own.
 *
 * <p>Each starter's {@code DbpoolAutoConfiguration} extends this class and adds what differs between
 * generations: its ordering before that generation's own {@code DataSourceAutoConfiguration}, named
 * by a class literal, so that the ordering is checked by the compiler of each generation rather than
 * silently dropped when a class name does not resolve.
 */
public abstract class DbpoolBeans {

    static final String SHUTDOWN_TIMEOUT = "spring.lifecycle.timeout-per-shutdown-phase";
    static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    /** The pool's config: preset, {@code DB_*}, {@code spring.datasource.*} / {@code DATABASE_URL}. */
    @Bean
    @ConditionalOnMissingBean
    public DbConfig dbpoolConfig(DbpoolProperties properties, Environment environment) {
        return DbpoolSettings.dbConfig(properties, environment::getProperty);
    }

    /** The admission policy of the DataSource (absent with {@code dbpool.backpressure.enabled=false}). */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "dbpool.backpressure", name = "enabled", matchIfMissing = true)
    public AdmissionSettings dbpoolAdmission(DbpoolProperties properties, Environment environment) {
        return DbpoolSettings.admission(properties.getBackpressure(), environment::getProperty);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public DbPool dbPool(DbConfig config, DbpoolProperties properties, ObjectProvider<AdmissionSettings> admission,
                         ObjectProvider<MeterRegistry> registry, Environment environment) {
        VirtualThreadsCheck.warnIfHikariTooOld(environment::getProperty);
        DbPool.Builder builder = DbPool.builder(config);
        registry.ifAvailable(builder::meterRegistry);
        // No settings bean (dbpool.backpressure.enabled=false): the DataSource waits as HikariCP does.
        builder.admission(admission.getIfAvailable(Admission::none));
        if (properties.getPoolName() != null && !properties.getPoolName().isBlank()) {
            builder.poolName(properties.getPoolName());
        }
        return builder.build();
    }

    /**
     * {@code pool.dataSource()}: admission, metrics and error classification on every
     * {@code getConnection()}; {@code JdbcTemplate}, JPA and transactions use it as any DataSource.
     */
    @Bean
    @ConditionalOnMissingBean
    public DataSource dataSource(DbPool pool) {
        return pool.dataSource();
    }

    /** What the {@code dbpool} health component reports, read from the pool's counters. */
    @Bean
    @ConditionalOnMissingBean
    public PoolHealth dbpoolPoolHealth(DbPool pool) {
        return new PoolHealth(pool);
    }

    /** On shutdown, after the web server has stopped: no new connections, wait for the borrowed ones. */
    @Bean
    @ConditionalOnMissingBean
    public DbPoolDrain dbpoolDrain(DbPool pool, Environment environment) {
        Duration timeout = Binder.get(environment).bind(SHUTDOWN_TIMEOUT, Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT);
        return new DbPoolDrain(pool, timeout);
    }
}
