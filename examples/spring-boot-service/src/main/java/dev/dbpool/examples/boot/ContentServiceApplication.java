package dev.dbpool.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small content service on Spring Boot, as a team would write it: HTTP endpoints over
 * {@code JdbcTemplate}, one {@code @Transactional} path, and no dbpool code at all. The starter
 * makes its DataSource the dbpool pool of {@code spring.application.name} (content-service's preset,
 * {@code DB_*} overrides), sheds requests when the pool is exhausted (HTTP 503 + Retry-After), exports
 * {@code db_pool_*} on {@code /actuator/prometheus} and reports the pool on {@code /actuator/health}.
 */
@SpringBootApplication
public class ContentServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ContentServiceApplication.class, args);
    }
}
