package dev.dbpool.runtime.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.ToDoubleFunction;

import dev.dbpool.runtime.metrics.MetricNames;

/**
 * Binds the pool metrics of one service to a registry, every labelled series at once so that
 * dashboards and {@code rate()} have a series from the first scrape. Gauges read the pool live at
 * scrape time through {@link PoolState}.
 *
 * <p>The acquisition histogram is recorded on every borrow, inside the window in which the borrower
 * holds the connection, so its cost is paid on the hot path: with a {@code PrometheusMeterRegistry}
 * (what a service scrapes) it goes into a {@link StripedHistogram} exported as the same series
 * ({@link PrometheusAcquireHistogram}); with any other registry into Micrometer's {@code Timer}.
 */
public final class PoolMetrics implements MeterBinder {

    /** What the gauges read, at scrape time. */
    public interface PoolState {
        int active();

        int idle();

        int max();

        int pending();

        /** The admission policy sheds (see {@link MetricNames#ADMISSION_OVERLOADED}). */
        boolean overloaded();
    }

    private static final String ACQUIRE_DESCRIPTION = "Time to acquire a connection from the pool, timed-out waits included";
    /** The Prometheus registry's class, when the application has it (the runtime does not require it). */
    private static final Class<?> PROMETHEUS_REGISTRY = classOrNull("io.micrometer.prometheusmetrics.PrometheusMeterRegistry");

    private final String service;
    private final String pool;
    private final PoolState state;
    private final List<Meter> gauges = new ArrayList<>();
    private final Map<AcquireError, Counter> errors = new EnumMap<>(AcquireError.class);
    /** Where {@link #recordAcquire} goes: set once by {@link #bindTo}. */
    private LongConsumer acquireDuration = nanos -> { };
    private Counter exhausted;
    private MeterRegistry registry;

    /** The metrics of the service's only pool: its {@code pool} label is the service's name. */
    public PoolMetrics(String service, PoolState state) {
        this(service, service, state);
    }

    /** The metrics of the pool named {@code pool} of {@code service} (labels {@code service} and {@code pool}). */
    public PoolMetrics(String service, String pool, PoolState state) {
        this.service = service;
        this.pool = pool;
        this.state = state;
    }

    /**
     * True when {@code registry} already has this service's pool of this name: binding a second one
     * would share the first one's gauges (Micrometer hands back the meter that exists) and closing
     * either would remove both.
     */
    public boolean registeredIn(MeterRegistry registry) {
        return registry.find(MetricNames.meterName(MetricNames.CONNECTIONS))
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .gauge() != null;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        gauge(registry, MetricNames.STATE_ACTIVE, s -> s.active());
        gauge(registry, MetricNames.STATE_IDLE, s -> s.idle());
        gauge(registry, MetricNames.STATE_MAX, s -> s.max());
        gauges.add(Gauge.builder(MetricNames.meterName(MetricNames.CONNECTIONS_PENDING), state, s -> s.pending())
                .description("Threads waiting for a connection")
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MetricNames.meterName(MetricNames.UTILIZATION), state,
                        s -> s.max() == 0 ? 0.0 : Math.min(1.0, (double) s.active() / s.max()))
                .description("Connections in use / maximum pool size, 0.0-1.0")
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .strongReference(true)
                .register(registry));
        gauges.add(Gauge.builder(MetricNames.ADMISSION_OVERLOADED, state, s -> s.overloaded() ? 1 : 0)
                .description("1 while the pool's admission policy sees overload and sheds requests, else 0")
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .strongReference(true)
                .register(registry));
        acquireDuration = acquireRecorder(registry);
        for (AcquireError type : AcquireError.values()) {
            errors.put(type, Counter.builder(MetricNames.meterName(MetricNames.CONNECTION_ERRORS))
                    .description("Failed connection acquisitions by error type")
                    .tag(MetricNames.LABEL_SERVICE, service)
                    .tag(MetricNames.LABEL_POOL, pool)
                    .tag(MetricNames.LABEL_ERROR_TYPE, type.label())
                    .register(registry));
        }
        exhausted = Counter.builder(MetricNames.meterName(MetricNames.EXHAUSTED))
                .description("Requests shed by admission control (refused at once, or their allowed wait ran out)")
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .register(registry);
    }

    public void recordAcquire(long nanos) {
        acquireDuration.accept(nanos);
    }

    private LongConsumer acquireRecorder(MeterRegistry registry) {
        if (PROMETHEUS_REGISTRY != null && PROMETHEUS_REGISTRY.isInstance(registry)) {
            return PrometheusAcquireHistogram.histogram(registry, service, pool, ACQUIRE_DESCRIPTION)::record;
        }
        Timer timer = acquireTimer(service, pool).register(registry);
        return nanos -> timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Micrometer's timer for {@code db_pool_acquire_duration_seconds} of {@code service}'s pool
     * {@code pool}, with the histogram's buckets: what the pool records into behind a registry that
     * is not Prometheus's (and what {@code RecordBenchmark} measures the striped histogram against).
     */
    public static Timer.Builder acquireTimer(String service, String pool) {
        return Timer.builder(MetricNames.meterName(MetricNames.ACQUIRE_DURATION))
                .description(ACQUIRE_DESCRIPTION)
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .serviceLevelObjectives(buckets())
                .publishPercentileHistogram(false)
                .minimumExpectedValue(Duration.ofNanos(1))
                .maximumExpectedValue(Duration.ofSeconds(30));
    }

    private static Class<?> classOrNull(String name) {
        try {
            return Class.forName(name, false, PoolMetrics.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    public void recordError(AcquireError type) {
        errors.get(type).increment();
    }

    public void recordExhausted() {
        exhausted.increment();
    }

    /** Requests shed so far (by every pool of this service and name that the registry has seen). */
    public double exhaustedCount() {
        return exhausted == null ? 0 : exhausted.count();
    }

    /**
     * Removes the gauges, which read a pool that is gone; counters and the histogram stay, so that a
     * new pool of the same service continues them instead of resetting them.
     */
    public void unbindGauges() {
        if (registry != null) {
            gauges.forEach(registry::remove);
            gauges.clear();
        }
    }

    private void gauge(MeterRegistry registry, String stateLabel, ToDoubleFunction<PoolState> reader) {
        gauges.add(Gauge.builder(MetricNames.meterName(MetricNames.CONNECTIONS), state, reader)
                .description("Pool connections by state")
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, pool)
                .tag(MetricNames.LABEL_STATE, stateLabel)
                .strongReference(true)
                .register(registry));
    }

    private static Duration[] buckets() {
        return MetricNames.ACQUIRE_BUCKETS_SECONDS.stream()
                .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
                .toArray(Duration[]::new);
    }
}
