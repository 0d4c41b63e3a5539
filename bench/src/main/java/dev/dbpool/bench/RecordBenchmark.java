package dev.dbpool.bench;

import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.internal.PoolMetrics;
import dev.dbpool.runtime.internal.StripedHistogram;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The parts of the acquisition hot path on their own, to see what each costs alone and under
 * contention ({@code -t 8}): recording one acquisition's latency in {@link PoolMetrics} (into a
 * {@code PrometheusMeterRegistry}: the {@link StripedHistogram}), against Micrometer's timer with
 * the same buckets (what it recorded into before), and the two ways
 * of keeping an in-use count that admission reads (a shared {@code AtomicInteger}, a striped
 * {@code LongAdder}; one increment and one decrement per call, as a borrow and its return). Not part
 * of the documented table; {@code docs/benchmarks.md} quotes it where it explains a change.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RecordBenchmark {

    private PoolMetrics metrics;
    private Timer micrometerTimer;
    private StripedHistogram striped;
    private final AtomicInteger atomic = new AtomicInteger();
    private final LongAdder adder = new LongAdder();

    @Setup(Level.Trial)
    public void open() {
        metrics = new PoolMetrics("record-bench", new PoolMetrics.PoolState() {
            @Override public int active() { return 0; }
            @Override public int idle() { return 0; }
            @Override public int max() { return 4; }
            @Override public int pending() { return 0; }
            @Override public boolean overloaded() { return false; }
        });
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        // What PoolMetrics recorded into before the striped histogram, and still does behind any other
        // registry: the same timer, in a registry of the same kind (in this one its name is the striped
        // histogram's, which Prometheus would refuse twice).
        micrometerTimer = PoolMetrics.acquireTimer("record-bench", "record-bench")
                .register(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        striped = new StripedHistogram(MetricNames.ACQUIRE_BUCKETS_SECONDS, StripedHistogram.DEFAULT_MAX_WINDOW_NANOS);
    }

    /** Per thread, so that the value varies a little as real acquisitions do. */
    @State(Scope.Thread)
    public static class Sample {
        long nanos = 150;

        long next() {
            nanos = nanos >= 400 ? 150 : nanos + 7;
            return nanos;
        }
    }

    /** {@code PoolMetrics.recordAcquire}: the latency histogram, as the pool records it (Prometheus: striped). */
    @Benchmark
    public void recordAcquire(Sample sample) {
        metrics.recordAcquire(sample.next());
    }

    /** Micrometer's {@code Timer.record} into a {@code PrometheusMeterRegistry}, with the pool's buckets. */
    @Benchmark
    public void micrometerTimer(Sample sample) {
        micrometerTimer.record(sample.next(), TimeUnit.NANOSECONDS);
    }

    /** {@link StripedHistogram#record} alone. */
    @Benchmark
    public void stripedHistogram(Sample sample) {
        striped.record(sample.next());
    }

    /** One {@code System.nanoTime()}: HikariCP's tracker hooks add two per borrow. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    /** One {@code System.currentTimeMillis()}: Micrometer's timer reads it twice per record (max and histogram windows). */
    @Benchmark
    public long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** A shared counter up and down: held on borrow and return, acquiring around a borrow. */
    @Benchmark
    public int atomicIntegerUpDown() {
        atomic.incrementAndGet();
        return atomic.decrementAndGet();
    }

    /** The same with a striped counter. */
    @Benchmark
    public void longAdderUpDown() {
        adder.increment();
        adder.decrement();
    }

    /** A striped counter up, read (as threshold and deadline read it per request), down. */
    @Benchmark
    public long longAdderUpSumDown() {
        adder.increment();
        long sum = adder.sum();
        adder.decrement();
        return sum;
    }
}
