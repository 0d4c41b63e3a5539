package dev.dbpool.spring;

import dev.dbpool.runtime.DbPoolException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The pool could not open its first connections: where it tried (credential-free) and for how long. */
public class DbpoolUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<DbPoolException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DbPoolException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Check that PostgreSQL is up and reachable at that address and that the credentials are right "
                        + "(spring.datasource.* or DATABASE_URL); DB_CONNECT_TIMEOUT_SECS sets how long to try.", null);
    }
}
