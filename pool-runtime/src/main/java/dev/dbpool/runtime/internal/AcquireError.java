package dev.dbpool.runtime.internal;

import dev.dbpool.runtime.metrics.MetricNames;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** The {@code error_type} of a failed acquisition. */
public enum AcquireError {
    /** Waited the acquire timeout without getting a connection. */
    TIMEOUT(MetricNames.ERROR_TIMEOUT),
    /** The pool was closed (shut down, or closing). */
    CLOSED(MetricNames.ERROR_CLOSED),
    /** Anything else: the database refused or dropped the connection, authentication, ... */
    OTHER(MetricNames.ERROR_OTHER);

    private final String label;

    AcquireError(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * Classifies what {@code HikariDataSource.getConnection()} threw. HikariCP reports a timeout as a
     * {@link SQLTransientConnectionException} ("request timed out after ...ms") that wraps the last
     * connection error, if any, as its cause; a timeout that happened because the database refused
     * every new connection is therefore still a timeout: the caller waited the whole acquire timeout.
     */
    public static AcquireError classify(SQLException e, boolean poolClosed) {
        if (poolClosed) {
            return CLOSED;
        }
        if (e instanceof SQLTransientConnectionException) {
            return TIMEOUT;
        }
        return OTHER;
    }
}
