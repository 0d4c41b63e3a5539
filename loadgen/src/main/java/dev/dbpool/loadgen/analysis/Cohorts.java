package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Window;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a run's requests by intended start, after the run: the 1 s cohorts (windows) and any span of
 * intended starts (a phase). A request is <em>good</em> when it succeeded within the deadline from its
 * intended start, <em>late</em> when it succeeded after it.
 */
public final class Cohorts {

    private static final long SECOND = 1_000_000_000L;
    private static final int DIGITS = 3;

    private Cohorts() {
    }

    /** One window per second of the measured run ({@code durationNanos}, rounded up), second 0 first. */
    public static List<Window> windows(RequestLog log, long durationNanos, Duration deadline) {
        int count = (int) ((durationNanos + SECOND - 1) / SECOND);
        long deadlineMicros = deadline.toNanos() / 1000;
        long[][] counts = new long[count][7];
        Histogram[] latency = new Histogram[count];
        Histogram[] answered = new Histogram[count];
        for (int s = 0; s < count; s++) {
            latency[s] = new Histogram(DIGITS);
            answered[s] = new Histogram(DIGITS);
        }
        for (int i = 0; i < log.size(); i++) {
            int s = (int) Math.min(count - 1, Math.max(0, log.intendedNanos(i) / SECOND));
            add(counts[s], log, i, deadlineMicros);
            if (log.outcome(i) != null) {
                latency[s].recordValue(log.latencyMicros(i));
            }
            if (log.outcome(i) == Outcome.SUCCEEDED) {
                answered[s].recordValue(log.latencyMicros(i));
            }
        }
        List<Window> windows = new ArrayList<>(count);
        for (int s = 0; s < count; s++) {
            windows.add(new Window(s, tally(counts[s]), latency[s], answered[s]));
        }
        return windows;
    }

    /** The requests whose intended start is in [fromNanos, toNanos). */
    public static Tally tally(RequestLog log, long fromNanos, long toNanos, Duration deadline) {
        long deadlineMicros = deadline.toNanos() / 1000;
        long[] c = new long[7];
        for (int i = 0; i < log.size(); i++) {
            long t = log.intendedNanos(i);
            if (t >= fromNanos && t < toNanos) {
                add(c, log, i, deadlineMicros);
            }
        }
        return tally(c);
    }

    private static void add(long[] c, RequestLog log, int i, long deadlineMicros) {
        c[0]++;
        Outcome o = log.outcome(i);
        if (o == null) {
            c[6]++;
            return;
        }
        switch (o) {
            case SUCCEEDED -> c[log.latencyMicros(i) <= deadlineMicros ? 1 : 2]++;
            case REJECTED -> c[3]++;
            case TIMED_OUT -> c[4]++;
            case ERROR -> c[5]++;
        }
    }

    private static Tally tally(long[] c) {
        return new Tally(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }
}
