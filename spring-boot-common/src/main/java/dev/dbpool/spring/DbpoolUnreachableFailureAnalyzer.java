package dev.dbpool.spring;

import dev.dbpool.runtime.DbPoolException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The pool could not be created: most often it could not open its first connections (where it tried,
 * credential-free, and for how long); or a pool of that name is already registered.
 */
public class DbpoolUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DbPoolException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DbPoolException cause) {
        if (cause.getMessage().contains("already registered")) {
            return new FailureAnalysis(cause.getMessage(), "Give each pool of the service its own name "
                    + "(dbpool.pool-name, or DbPool.builder(config).poolName(...) for a pool built in code).", null);
        }
        return new FailureAnalysis(cause.getMessage(),
                "Check that PostgreSQL is up and reachable at that address and that the credentials are right "
                        + "(spring.datasource.* or DATABASE_URL); DB_CONNECT_TIMEOUT_SECS sets how long to try.", null);
    }
}
