package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.Mode;
import dev.dbpool.loadgen.Outcome;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * What a request thread does for one intended start, and the class it lands in: the way a service
 * handler would use the pool in each mode.
 */
public final class SoakRequest {

    private final DbPool pool;
    private final Mode mode;
    private final BackpressureConfig backpressure;
    private final WorkloadStatements workload;
    private final SessionTracker sessions;
    private final ErrorCounts errors;

    public SoakRequest(DbPool pool, Mode mode, BackpressureConfig backpressure, WorkloadStatements workload,
                       SessionTracker sessions, ErrorCounts errors) {
        this.pool = pool;
        this.mode = mode;
        this.backpressure = backpressure;
        this.workload = workload;
        this.sessions = sessions;
        this.errors = errors;
    }

    /** Runs request {@code index}; the caller times it from the intended start. */
    public Outcome execute(int index, boolean counted) {
        Connection connection;
        try {
            connection = mode == Mode.BACKPRESSURE
                    ? pool.acquireWithBackpressure(backpressure)
                    : pool.acquireWithMetrics();
        } catch (PoolExhaustedException e) {
            return Outcome.REJECTED;
        } catch (SQLTransientConnectionException e) {
            // HikariCP's "request timed out after ...ms": the whole acquire timeout was spent waiting.
            return Outcome.TIMED_OUT;
        } catch (SQLException | RuntimeException e) {
            return failed(e, counted);
        }
        try (connection) {
            sessions.track(connection);
            workload.execute(connection, index);
            return Outcome.SUCCEEDED;
        } catch (SQLException | RuntimeException e) {
            return failed(e, counted);
        }
    }

    private Outcome failed(Exception e, boolean counted) {
        if (counted) {
            errors.record(e);
        }
        return Outcome.ERROR;
    }
}
