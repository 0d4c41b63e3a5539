package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.faults.SessionTracker;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a request thread does for one intended start, and the class it lands in: the way a service
 * handler would use the pool in each mode. A policy's refusal ({@link PoolExhaustedException}, also
 * when its bounded wait ran out) is {@code rejected}; only plain waiting that ran into the acquire
 * timeout is {@code timed_out}.
 */
public final class SoakRequest {

    private final DbPool pool;
    private final Mode mode;
    private final BackpressureConfig backpressure;
    private final WorkloadStatements workload;
    private final SessionTracker sessions;
    private final ErrorCounts errors;
    private final LongAdder rejectedAfterWait = new LongAdder();

    /**
     * @param backpressure the run's one config object, passed on every request (the pool keeps the
     *                     policy's state per config object); ignored in wait mode
     */
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
            connection = mode.isWait() ? pool.acquireWithMetrics() : pool.acquireWithBackpressure(backpressure);
        } catch (PoolExhaustedException e) {
            if (counted && e.waited()) {
                rejectedAfterWait.increment();
            }
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

    /** Measured requests shed after a bounded wait (of the rejected ones). */
    public long rejectedAfterWait() {
        return rejectedAfterWait.sum();
    }

    private Outcome failed(Exception e, boolean counted) {
        if (counted) {
            errors.record(e);
        }
        return Outcome.ERROR;
    }
}
