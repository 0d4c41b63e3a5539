package dev.dbpool.loadgen.model;

import java.time.Duration;

/**
 * What the pool can answer per second on the scenario's workload, measured before the runs by a
 * closed loop that keeps every connection busy (one client per connection, back to back): the limit
 * that no admission policy can beat, against which goodput is judged.
 *
 * @param perSecond    transactions per second over the measured window; {@code NaN} when not measured
 * @param connections  the pool's size, one client each
 * @param measured     the measured window (after a warm-up)
 * @param transactions transactions that started in it
 * @param errors       failed transactions (a capacity with errors is suspect)
 */
public record Capacity(double perSecond, int connections, Duration measured, long transactions, long errors) {

    public static final Capacity UNKNOWN = new Capacity(Double.NaN, 0, Duration.ZERO, 0, 0);

    public boolean known() {
        return Double.isFinite(perSecond) && perSecond > 0;
    }
}
