package dev.dbpool.spring;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The dbpool pool as the service's {@link DataSource}, before Boot's own DataSource
 * auto-configuration (which then backs off): the preset of {@code spring.application.name}, the
 * {@code DB_*} environment overrides, admission on every {@code getConnection()}, the {@code db_pool_*}
 * metrics in Boot's {@link MeterRegistry}, and a drain on shutdown. Every bean backs off when the
 * service defines its own.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, DbPool.class})
@ConditionalOnProperty(prefix = "dbpool", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DbpoolProperties.class)
public class DbpoolAutoConfiguration {

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
                         ObjectProvider<MeterRegistry> registry) {
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

    /** On shutdown, after the web server has stopped: no new connections, wait for the borrowed ones. */
    @Bean
    @ConditionalOnMissingBean
    public DbPoolDrain dbpoolDrain(DbPool pool, Environment environment) {
        Duration timeout = Binder.get(environment).bind(SHUTDOWN_TIMEOUT, Duration.class)
                .orElse(DEFAULT_SHUTDOWN_TIMEOUT);
        return new DbPoolDrain(pool, timeout);
    }
}
