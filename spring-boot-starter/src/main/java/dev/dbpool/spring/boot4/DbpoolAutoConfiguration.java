package dev.dbpool.spring.boot4;

import dev.dbpool.runtime.DbPool;
import dev.dbpool.spring.DbpoolBeans;
import dev.dbpool.spring.DbpoolProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import javax.sql.DataSource;

/**
 * The dbpool pool as the service's {@link DataSource} on Spring Boot 4 ({@link DbpoolBeans}), before
 * Boot's own {@link DataSourceAutoConfiguration}, which then backs off.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass({DataSource.class, DbPool.class})
@ConditionalOnProperty(prefix = "dbpool", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(DbpoolProperties.class)
public class DbpoolAutoConfiguration extends DbpoolBeans {
}
