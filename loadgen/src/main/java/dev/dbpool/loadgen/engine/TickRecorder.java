package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.Tick;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Records every finished request into one HdrHistogram {@link Recorder} per outcome (wait-free for
 * the request threads) and cuts them into 1 s interval histograms by wall clock (the live view; the
 * analysis judges cohorts by intended start instead, from the {@link dev.dbpool.loadgen.model.RequestLog}). Also samples the pool's
 * utilization and the service's backlog. {@link #sample()} and {@link #cut} must be called from one
 * thread (the run's ticker); {@link #record} from any.
 */
public final class TickRecorder {

    /** Latencies are kept in µs with 3 significant digits; the histograms resize as needed. */
    private static final int DIGITS = 3;

    private final Map<Outcome, Recorder> recorders = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Histogram> totals = new EnumMap<>(Outcome.class);
    private final IntSupplier active;
    private final int maxConnections;
    private final IntSupplier queued;
    private final IntSupplier pending;
    private final List<Tick> ticks = new ArrayList<>();

    private double utilizationSum;
    private int utilizationSamples;
    private double utilizationMax;
    private int queuedMax;
    private int pendingMax;

    public TickRecorder(IntSupplier active, int maxConnections, IntSupplier queued, IntSupplier pending) {
        this.active = active;
        this.maxConnections = maxConnections;
        this.queued = queued;
        this.pending = pending;
        for (Outcome outcome : Outcome.values()) {
            recorders.put(outcome, new Recorder(DIGITS));
            totals.put(outcome, new Histogram(DIGITS));
        }
    }

    /** Called by request threads: one finished request, its latency from the intended start. */
    public void record(Outcome outcome, long latencyNanos) {
        recorders.get(outcome).recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
    }

    /** Called every 10 ms by the ticker. */
    public void sample() {
        double u = Math.min(1.0, (double) active.getAsInt() / maxConnections);
        utilizationSum += u;
        utilizationSamples++;
        utilizationMax = Math.max(utilizationMax, u);
        queuedMax = Math.max(queuedMax, queued.getAsInt());
        pendingMax = Math.max(pendingMax, pending.getAsInt());
    }

    /** Ends tick {@code second}: takes the interval histograms and the samples since the last cut. */
    public Tick cut(int second, long offered) {
        Map<Outcome, Long> finished = new EnumMap<>(Outcome.class);
        Histogram all = new Histogram(DIGITS);
        for (Outcome outcome : Outcome.values()) {
            Histogram interval = recorders.get(outcome).getIntervalHistogram();
            finished.put(outcome, interval.getTotalCount());
            all.add(interval);
            totals.get(outcome).add(interval);
        }
        double mean = utilizationSamples == 0 ? Math.min(1.0, (double) active.getAsInt() / maxConnections)
                : utilizationSum / utilizationSamples;
        Tick tick = new Tick(second, offered, finished, all, mean,
                Math.max(utilizationMax, mean), queuedMax, pendingMax);
        utilizationSum = 0;
        utilizationSamples = 0;
        utilizationMax = 0;
        queuedMax = 0;
        pendingMax = 0;
        ticks.add(tick);
        return tick;
    }

    public List<Tick> ticks() {
        return List.copyOf(ticks);
    }

    /** Every latency of {@code outcome} recorded up to the last cut, µs. */
    public Histogram total(Outcome outcome) {
        return totals.get(outcome).copy();
    }
}
