package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;

/**
 * What one request does with its connection, in one transaction: a primary-key {@code SELECT} on the
 * soak's {@code accounts} table, for {@code writePercent} of the requests a one-row {@code UPDATE}, and
 * {@code SELECT pg_sleep(hold)}: the time a real request keeps its connection for work the soak does
 * not model (more queries, rendering, a call to another service inside the transaction). The hold is
 * spent on the server, so the client stays light and the connection is busy the way it would be.
 *
 * <p>The default hold is calibrated so that 1,500 requests/s keep auth-service's 16 connections about
 * 60–70% busy on a 2-core machine (each request holds its connection 6.5–7.5 ms in all; see the
 * docs/soak.md, "What a run does").
 *
 * @param rows         rows in {@code accounts}; requests pick one at random (seeded)
 * @param writePercent share of requests that also update their row, 0–100
 * @param hold         server-side time each request keeps its connection, besides its queries
 * @param exponentialHold when true, each request's hold is drawn (seeded, per request) from an
 *                     exponential distribution with mean {@code hold} instead of being exactly
 *                     {@code hold}: the M/M/c world of the plan's Erlang C advice, for checking the
 *                     model against a real pool
 */
public record Workload(int rows, int writePercent, Duration hold, boolean exponentialHold) {

    public static final int DEFAULT_ROWS = 100_000;
    public static final int DEFAULT_WRITE_PERCENT = 100;
    public static final Duration DEFAULT_HOLD = Duration.ofMillis(6);

    public Workload {
        if (rows < 1) {
            throw new InvalidConfigException("workload rows must be a positive integer, got '" + rows + "'");
        }
        if (writePercent < 0 || writePercent > 100) {
            throw new InvalidConfigException("writePercent must be from 0 to 100, got '" + writePercent + "'");
        }
        if (hold == null || hold.isNegative()) {
            throw new InvalidConfigException("hold must not be negative, got '" + hold + "'");
        }
    }

    public Workload(int rows, int writePercent, Duration hold) {
        this(rows, writePercent, hold, false);
    }

    public static Workload ofDefaults() {
        return new Workload(DEFAULT_ROWS, DEFAULT_WRITE_PERCENT, DEFAULT_HOLD);
    }

    public Workload withHold(Duration value) {
        return new Workload(rows, writePercent, value, exponentialHold);
    }

    /** Holds drawn from an exponential distribution with mean {@link #hold()} (see the record's doc). */
    public Workload withExponentialHold(boolean value) {
        return new Workload(rows, writePercent, hold, value);
    }

    public Workload withWritePercent(int value) {
        return new Workload(rows, value, hold, exponentialHold);
    }

    public Workload withRows(int value) {
        return new Workload(value, writePercent, hold, exponentialHold);
    }
}
