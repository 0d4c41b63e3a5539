package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.LatencySummary;
import dev.dbpool.loadgen.Mode;
import dev.dbpool.loadgen.Outcome;
import dev.dbpool.loadgen.RunResult;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.SoakListener;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.analysis.Recovery;
import dev.dbpool.loadgen.analysis.RecoveryAnalysis;
import dev.dbpool.loadgen.faults.FaultContext;
import dev.dbpool.loadgen.faults.FaultTimeline;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.metrics.MetricNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One mode's run, start to end: a fresh preset pool, the warm-up, the measured schedule with its
 * faults, the drain, and the analysis.
 */
public final class ModeRun {

    private static final long SECOND = 1_000_000_000L;
    private static final long SAMPLE_MILLIS = 10;
    /** After the schedule ends, requests still queued or running get the acquire timeout plus this to finish. */
    private static final Duration DRAIN_EXTRA = Duration.ofSeconds(5);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final SoakScenario scenario;
    private final Mode mode;
    private final ArrivalSchedule schedule;
    private final SoakDatabase database;
    private final MeterRegistry registry;
    private final SoakListener listener;

    public ModeRun(SoakScenario scenario, Mode mode, ArrivalSchedule schedule, SoakDatabase database,
                   MeterRegistry registry, SoakListener listener) {
        this.scenario = scenario;
        this.mode = mode;
        this.schedule = schedule;
        this.database = database;
        this.registry = registry;
        this.listener = listener;
    }

    /** The pool the soak builds: the service's preset, on the soak's database. */
    public static DbConfig poolConfig(SoakScenario scenario, SoakDatabase database) {
        DbConfig config = DbConfig.forService(scenario.service()).withDatabaseUrl(database.databaseUrl());
        return scenario.acquireTimeout() == null ? config : config.withAcquireTimeout(scenario.acquireTimeout());
    }

    public RunResult run() throws InterruptedException {
        DbConfig config = poolConfig(scenario, database);
        listener.runStarting(mode, scenario);
        ErrorCounts errors = new ErrorCounts();
        SessionTracker sessions = new SessionTracker();
        WorkloadStatements workload = new WorkloadStatements(database.schema(), scenario.workload(), scenario.seed());
        long[] offered = schedule.offeredPerSecond();
        int measuredSeconds = offered.length;

        try (DbPool pool = DbPool.builder(config).meterRegistry(registry).build();
             OpenModelGenerator generator = new OpenModelGenerator(scenario.threads())) {
            // Opened to its maximum before the warm-up: otherwise a waiting pool starts the run with a
            // backlog built while HikariCP was still opening connections one by one, and that start-up
            // transient would pass for steady state.
            PoolFill.openEveryConnection(pool, config.maxConnections());
            SoakRequest request = new SoakRequest(pool, mode, scenario.backpressure(), workload, sessions, errors);
            WindowRecorder recorder = new WindowRecorder(pool::activeConnections, config.maxConnections(),
                    generator::queued, pool::pendingThreads);
            Counter exhausted = exhaustedCounter(config.serviceName());
            double[] exhaustedAtOrigin = {exhausted.count()};

            long origin = System.nanoTime() + schedule.warmupNanos() + TimeUnit.MILLISECONDS.toNanos(100);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "soak-ticker");
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                return t;
            });
            int[] nextWindow = {0};
            ticker.schedule(() -> exhaustedAtOrigin[0] = exhausted.count(), origin - System.nanoTime(), TimeUnit.NANOSECONDS);
            ticker.scheduleAtFixedRate(recorder::sample, origin - System.nanoTime(),
                    TimeUnit.MILLISECONDS.toNanos(SAMPLE_MILLIS), TimeUnit.NANOSECONDS);
            ticker.scheduleAtFixedRate(() -> {
                int second = nextWindow[0]++;
                Window w = recorder.cut(second, second < measuredSeconds ? offered[second] : 0);
                listener.windowClosed(mode, w, scenario);
            }, origin + SECOND - System.nanoTime(), SECOND, TimeUnit.NANOSECONDS);

            FaultContext context = new FaultContext(database::adminConnection,
                    database.schema() + "." + SoakDatabase.TABLE, sessions, config.serviceName(), database.restarter());
            List<FaultTimeline.Event> faultEvents;
            String faultError;
            GeneratorHealth health;
            try (FaultTimeline faults = FaultTimeline.start(scenario.faults(), origin, context)) {
                generator.dispatch(schedule, origin, i -> {
                    long intended = origin + schedule.offset(i);
                    boolean counted = intended >= origin;
                    Outcome outcome = request.execute(i, counted);
                    if (counted) {
                        recorder.record(outcome, System.nanoTime() - intended);
                    }
                });
                health = generator.health();
                // Let the timeline reach the end of the run, so that every fault has ended on time.
                long untilEnd = origin + schedule.durationNanos() - System.nanoTime();
                if (untilEnd > 0) {
                    TimeUnit.NANOSECONDS.sleep(untilEnd);
                }
                faults.close();
                faultEvents = faults.events();
                faultError = faults.firstError();
                generator.awaitIdle(config.acquireTimeout().plus(DRAIN_EXTRA));
            }
            ticker.shutdown();
            if (!ticker.awaitTermination(5, TimeUnit.SECONDS)) {
                ticker.shutdownNow();
            }
            int last = nextWindow[0];
            recorder.cut(last, last < measuredSeconds ? offered[last] : 0);
            double exhaustedTotal = exhausted.count() - exhaustedAtOrigin[0];
            generator.close();
            int activeAfter = awaitIdlePool(pool);
            return result(recorder, health, errors, exhaustedTotal, activeAfter, measuredSeconds,
                    faultEvents, faultError);
        }
    }

    private RunResult result(WindowRecorder recorder, GeneratorHealth health, ErrorCounts errors, double exhausted,
                             int activeAfter, int measuredSeconds, List<FaultTimeline.Event> faultEvents,
                             String faultError) {
        List<Window> windows = recorder.windows();
        List<Window> measured = windows.stream().filter(w -> w.second() < measuredSeconds).toList();
        Histogram all = new Histogram(3);
        Map<Outcome, LatencySummary> byOutcome = new EnumMap<>(Outcome.class);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            Histogram h = recorder.total(outcome);
            all.add(h);
            byOutcome.put(outcome, LatencySummary.of(h));
            counts.put(outcome, h.getTotalCount());
        }
        long offered = schedule.measuredCount();
        long finished = all.getTotalCount();
        double maxUtilization = measured.stream().mapToDouble(Window::utilizationMax).max().orElse(0);
        Recovery recovery = RecoveryAnalysis.analyze(measured, scenario.faults(), scenario.tolerance());
        RunResult result = new RunResult(mode, offered,
                counts.get(Outcome.SUCCEEDED), counts.get(Outcome.REJECTED), counts.get(Outcome.TIMED_OUT),
                counts.get(Outcome.ERROR), Math.max(0, offered - finished - health.dropped()), errors.snapshot(),
                LatencySummary.of(all), byOutcome, maxUtilization, Math.round(exhausted), recovery, health,
                activeAfter, windows, faultEvents, faultError);
        listener.runFinished(result);
        return result;
    }

    private Counter exhaustedCounter(String service) {
        // The pool's own counter (same name and labels; the pool's name is the service's by default).
        return Counter.builder(MetricNames.meterName(MetricNames.EXHAUSTED))
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, service)
                .register(registry);
    }

    /** Connections still handed out once the service is idle: 0 unless one leaked. */
    private static int awaitIdlePool(DbPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + IDLE_WAIT.toNanos();
        while (pool.activeConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return pool.activeConnections();
    }
}
