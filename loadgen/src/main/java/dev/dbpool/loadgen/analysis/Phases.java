package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.Tally;

import java.time.Duration;
import java.util.List;

/**
 * A run's requests in three phases by intended start: {@code before} the first fault's start,
 * {@code during} (from the first fault's start to the last fault's end) and {@code after}. Without a
 * fault the whole run is {@code before} and the other two are empty.
 */
public record Phases(Tally before, Tally during, Tally after) {

    public static Phases of(RequestLog log, List<Fault> faults, long durationNanos, Duration deadline) {
        if (faults.isEmpty()) {
            return new Phases(Cohorts.tally(log, Long.MIN_VALUE, Long.MAX_VALUE, deadline), Tally.EMPTY, Tally.EMPTY);
        }
        long start = faults.stream().mapToLong(f -> f.start().toNanos()).min().orElseThrow();
        long end = faults.stream().mapToLong(f -> f.end().toNanos()).max().orElseThrow();
        return new Phases(Cohorts.tally(log, Long.MIN_VALUE, start, deadline),
                Cohorts.tally(log, start, end, deadline),
                Cohorts.tally(log, end, Long.MAX_VALUE, deadline));
    }

    public Tally total() {
        return before.plus(during).plus(after);
    }
}
