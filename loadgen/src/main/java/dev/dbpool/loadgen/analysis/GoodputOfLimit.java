package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Window;

import java.util.List;

/**
 * Goodput against the most the pool could have answered in time: per 1 s cohort, min(offered, capacity),
 * summed over the cohorts outside the faults (a cohort that overlaps the span from the first fault's
 * start to the last fault's end is left out: a fault changes what the pool can do). 1.0 means every
 * request the pool had room for got a good answer; a policy that sheds what the pool could have
 * served, or lets requests wait past the deadline, scores below.
 *
 * @param goodput good answers in the cohorts counted
 * @param limit   Σ min(offered, capacity) over those cohorts; {@code NaN} without a capacity
 */
public record GoodputOfLimit(long goodput, double limit) {

    public static final GoodputOfLimit UNKNOWN = new GoodputOfLimit(0, Double.NaN);

    /** goodput / limit; {@code NaN} when there is no limit to compare against. */
    public double ratio() {
        return limit > 0 ? goodput / limit : Double.NaN;
    }

    public static GoodputOfLimit of(List<Window> windows, List<Fault> faults, Capacity capacity) {
        if (!capacity.known()) {
            return UNKNOWN;
        }
        double faultStart = faults.stream().mapToDouble(f -> f.start().toNanos() / 1e9).min().orElse(Double.NaN);
        double faultEnd = faults.stream().mapToDouble(f -> f.end().toNanos() / 1e9).max().orElse(Double.NaN);
        long goodput = 0;
        double limit = 0;
        for (Window w : windows) {
            boolean overlapsFault = !faults.isEmpty() && w.second() + 1 > faultStart && w.second() < faultEnd;
            if (!overlapsFault) {
                goodput += w.goodput();
                limit += Math.min(w.offered(), capacity.perSecond());
            }
        }
        return new GoodputOfLimit(goodput, limit);
    }
}
