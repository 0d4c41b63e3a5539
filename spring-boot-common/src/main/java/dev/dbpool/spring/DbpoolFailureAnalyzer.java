package dev.dbpool.spring;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A start-up that fails on a bad setting says which one and what it was, in Boot's failure report
 * ({@code DB_MAX_CONNECTIONS must be a positive integer, got 'abc'}); the message never carries a
 * password.
 */
public class DbpoolFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigException cause) {
        return new FailureAnalysis("The dbpool DataSource could not be configured: " + cause.getMessage(),
                "Correct the setting named above: a dbpool.* or spring.datasource.* property, spring.application.name, "
                        + "or one of the DATABASE_URL, DB_* and DB_POOL_* environment variables.", cause);
    }
}
