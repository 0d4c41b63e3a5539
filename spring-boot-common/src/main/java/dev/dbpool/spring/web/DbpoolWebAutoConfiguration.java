package dev.dbpool.spring.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * Shed requests as HTTP 503 in a servlet (Spring MVC) service; {@code dbpool.web.problem-details.enabled=false}
 * turns it off. The same on Spring Boot 3.5 and 4: each starter lists it among its auto-configurations.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, ProblemDetail.class})
@ConditionalOnProperty(prefix = "dbpool", name = "enabled", matchIfMissing = true)
public class DbpoolWebAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "dbpool.web.problem-details", name = "enabled", matchIfMissing = true)
    public PoolExhaustedProblemHandler dbpoolPoolExhaustedProblemHandler() {
        return new PoolExhaustedProblemHandler();
    }
}
