package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.faults.SessionTracker;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestGate;
import dev.dbpool.loadgen.model.ServiceCode;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a request thread does for one intended start, and the class it lands in: the way a service
 * handler would use the pool in each mode. First the run's gate (a peer library's limiter; open for the
 * runtime's own admission), then the acquire, the work and the return, and the gate hears how it went.
 * A refusal, by the gate or by a policy ({@link PoolExhaustedException}, also when its bounded wait ran
 * out), is {@code rejected}; only plain waiting that ran into the acquire timeout is {@code timed_out}.
 */
public final class SoakRequest {

    private final DbPool pool;
    private final RequestGate gate;
    private final RequestWork workload;
    private final SessionTracker sessions;
    private final ErrorCounts errors;
    private final ServiceCode.Request service;
    private final LongAdder rejectedAfterWait = new LongAdder();

    /**
     * @param pool the run's pool, built with the mode's admission
     * @param gate what each request passes before it uses the pool: a peer's limiter, or open
     */
    public SoakRequest(DbPool pool, RequestGate gate, RequestWork workload, SessionTracker sessions,
                       ErrorCounts errors) {
        this(pool, gate, workload, sessions, errors, null);
    }

    /**
     * @param service the service's own code, which acquires from the pool itself; {@code null} to run
     *                {@code workload} on a connection acquired here
     */
    public SoakRequest(DbPool pool, RequestGate gate, RequestWork workload, SessionTracker sessions,
                       ErrorCounts errors, ServiceCode.Request service) {
        this.pool = pool;
        this.gate = gate;
        this.workload = workload;
        this.sessions = sessions;
        this.errors = errors;
        this.service = service;
    }

    /** What one attempt came to: its outcome, the error behind an {@code errors} outcome, a shed after a wait. */
    public record Attempt(Outcome outcome, Exception error, boolean shedAfterWait) {
    }

    /** Runs request {@code index}; the caller times it from the intended start. */
    public Outcome execute(int index, boolean counted) {
        Attempt attempt = attempt(index);
        if (counted) {
            count(attempt);
        }
        return attempt.outcome();
    }

    /**
     * One attempt at request {@code index}, counted nowhere yet: with retries only a request's last
     * attempt is {@link #count counted}, so that the error classes add up to the requests' errors.
     */
    public Attempt attempt(int index) {
        Optional<RequestGate.Permit> permit = gate.enter();
        if (permit.isEmpty()) {
            return new Attempt(Outcome.REJECTED, null, false);
        }
        Attempt attempt = null;
        try {
            attempt = service != null ? callService(index) : usePool(index);
            return attempt;
        } finally {
            // Always out again, even past an Error: a permit kept would shrink the limit for good.
            permit.get().exit(attempt == null ? Outcome.ERROR : attempt.outcome());
        }
    }

    /** Acquire, work, return. */
    private Attempt usePool(int index) {
        Connection connection;
        try {
            connection = pool.acquire();
        } catch (PoolExhaustedException e) {
            return new Attempt(Outcome.REJECTED, null, e.waited());
        } catch (SQLTransientConnectionException e) {
            // HikariCP's "request timed out after ...ms": the whole acquire timeout was spent waiting.
            return new Attempt(Outcome.TIMED_OUT, null, false);
        } catch (SQLException | RuntimeException e) {
            return new Attempt(Outcome.ERROR, e, false);
        }
        try (connection) {
            sessions.track(connection);
            workload.execute(connection, index);
            return new Attempt(Outcome.SUCCEEDED, null, false);
        } catch (SQLException | RuntimeException e) {
            return new Attempt(Outcome.ERROR, e, false);
        }
    }

    /** The service's code acquires, works and returns; what it throws is classed by the pool's exception inside. */
    private Attempt callService(int index) {
        try {
            service.run(index);
            return new Attempt(Outcome.SUCCEEDED, null, false);
        } catch (Exception e) {
            return classify(e);
        }
    }

    /** A pool's refusal or acquire timeout anywhere in the cause chain wins over the exceptions wrapped around it. */
    static Attempt classify(Throwable error) {
        SQLException firstSql = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoolExhaustedException e) {
                return new Attempt(Outcome.REJECTED, null, e.waited());
            }
            if (t instanceof SQLTransientConnectionException) {
                return new Attempt(Outcome.TIMED_OUT, null, false);
            }
            if (firstSql == null && t instanceof SQLException sql) {
                firstSql = sql;
            }
        }
        return new Attempt(Outcome.ERROR, firstSql != null ? firstSql : (Exception) (error instanceof Exception ex ? ex
                : new RuntimeException(error)), false);
    }

    /** Counts a measured request's final attempt: its error class, or its shed after a wait. */
    public void count(Attempt attempt) {
        if (attempt.shedAfterWait()) {
            rejectedAfterWait.increment();
        }
        if (attempt.error() != null) {
            errors.record(attempt.error());
        }
    }

    /** Measured requests shed after a bounded wait (of the rejected ones). */
    public long rejectedAfterWait() {
        return rejectedAfterWait.sum();
    }
}
