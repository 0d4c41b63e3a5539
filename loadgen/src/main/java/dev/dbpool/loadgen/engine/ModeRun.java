package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.faults.FaultContext;
import dev.dbpool.loadgen.faults.FaultTimeline;
import dev.dbpool.loadgen.faults.SessionTracker;
import dev.dbpool.loadgen.model.Attempts;
import dev.dbpool.loadgen.model.FaultEvent;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.GeneratorHealth;
import dev.dbpool.loadgen.model.LatencySummary;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.ScriptOutcomes;
import dev.dbpool.loadgen.model.ServiceCode;
import dev.dbpool.loadgen.model.Tick;
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
import java.util.function.Consumer;

/**
 * One mode's run, start to end: a fresh preset pool, the warm-up, the measured schedule with its
 * faults, the drain. Every measured request's outcome and latency go into the run's
 * {@link RequestLog} (judged later, by intended start); a ticker cuts the live view every second.
 */
public final class ModeRun {

    private static final long SECOND = 1_000_000_000L;
    private static final long SAMPLE_MILLIS = 10;
    /** After the schedule ends, requests still queued or running get the acquire timeout plus this to finish. */
    private static final Duration DRAIN_EXTRA = Duration.ofSeconds(5);
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

    private final RunSetup setup;
    private final RunAdmission admission;
    private final ArrivalSchedule schedule;
    private final MeterRegistry registry;
    private final Consumer<Tick> ticks;

    /**
     * @param admission how this run admits requests, built for this run alone
     * @param ticks     hears every wall-clock second as it closes, from the ticker thread
     */
    public ModeRun(RunSetup setup, RunAdmission admission, ArrivalSchedule schedule,
                   MeterRegistry registry, Consumer<Tick> ticks) {
        this.setup = setup;
        this.admission = admission;
        this.schedule = schedule;
        this.registry = registry;
        this.ticks = ticks;
    }

    public RunResult run() throws InterruptedException {
        DbConfig config = setup.pool();
        ErrorCounts errors = new ErrorCounts();
        SessionTracker sessions = new SessionTracker();
        RequestWork workload = setup.scripts().<RequestWork>map(m -> new ScriptWork(m, setup.seed(), setup.threads()))
                .orElseGet(() -> new WorkloadStatements(setup.schema(), setup.workload(), setup.seed()));
        ScriptTally scriptTally = setup.scripts().map(m -> new ScriptTally(m, setup.seed())).orElse(null);
        long[] measuredOffsets = schedule.measuredOffsets();
        int firstMeasured = schedule.size() - measuredOffsets.length;
        RequestLog log = new RequestLog(measuredOffsets);
        long[] offered = schedule.offeredPerSecond();
        int measuredSeconds = offered.length;

        try (DbPool pool = DbPool.builder(config).meterRegistry(registry).admission(admission.pool()).build();
             OpenModelGenerator generator = new OpenModelGenerator(setup.threads())) {
            // Opened to its maximum before the warm-up: otherwise a waiting pool starts the run with a
            // backlog built while HikariCP was still opening connections one by one, and that start-up
            // transient would pass for steady state.
            PoolFill.openEveryConnection(pool, config.maxConnections());
            SoakRequest request = new SoakRequest(pool, admission.gate(), workload, sessions, errors,
                    setup.service().isEmpty() ? null : startService(setup.service().get(), pool));
            setup.proxy().ifPresent(p -> p.heal());
            TickRecorder recorder = new TickRecorder(pool::activeConnections, config.maxConnections(),
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
                ticks.accept(recorder.cut(second, second < measuredSeconds ? offered[second] : 0));
            }, origin + SECOND - System.nanoTime(), SECOND, TimeUnit.NANOSECONDS);

            FaultContext context = new FaultContext(setup.admin(), setup.schema() + "." + setup.table(), sessions,
                    config.serviceName(), setup.restarter(), setup.proxy());
            int countedSeconds = measuredSeconds + (int) config.acquireTimeout().plus(DRAIN_EXTRA).toSeconds() + 30;
            Retries retries = new Retries(setup.retry(), setup.seed(), generator::resubmit, countedSeconds);
            List<FaultEvent> faultEvents;
            String faultError;
            GeneratorHealth health;
            try (retries; FaultTimeline faults = FaultTimeline.start(setup.faults(), origin, context)) {
                Attempt attempt = new Attempt(schedule, origin, firstMeasured, request, retries, recorder, log, scriptTally);
                generator.dispatch(schedule, origin, i -> attempt.run(i, 0));
                health = generator.health();
                // Let the timeline reach the end of the run, so that every fault has ended on time.
                long untilEnd = origin + schedule.durationNanos() - System.nanoTime();
                if (untilEnd > 0) {
                    TimeUnit.NANOSECONDS.sleep(untilEnd);
                }
                faults.close();
                faultEvents = faults.events();
                faultError = faults.firstError();
                // Retries waiting out their backoff are part of the backlog: a request ends with its last attempt.
                Duration drain = config.acquireTimeout().plus(DRAIN_EXTRA);
                if (setup.retry().enabled()) {
                    drain = drain.plus(RetryPolicyDrain.extra(setup.retry(), config.acquireTimeout()));
                }
                generator.awaitIdle(drain, retries::idle);
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
            return result(recorder, health, errors, request.rejectedAfterWait(), exhaustedTotal, activeAfter,
                    measuredSeconds, log, faultEvents, faultError, retries.snapshot(),
                    scriptTally == null ? null : scriptTally.snapshot(firstMeasured, measuredOffsets.length));
        }
    }

    private RunResult result(TickRecorder recorder, GeneratorHealth health, ErrorCounts errors, long rejectedAfterWait,
                             double exhausted, int activeAfter, int measuredSeconds, RequestLog log,
                             List<FaultEvent> faultEvents, String faultError, Attempts attempts,
                             ScriptOutcomes scripts) {
        List<Tick> ticks = recorder.ticks();
        List<Tick> measured = ticks.stream().filter(w -> w.second() < measuredSeconds).toList();
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
        double maxUtilization = measured.stream().mapToDouble(Tick::utilizationMax).max().orElse(0);
        return new RunResult(admission.mode(), admission.description(), offered,
                counts.get(Outcome.SUCCEEDED), counts.get(Outcome.REJECTED), rejectedAfterWait,
                counts.get(Outcome.TIMED_OUT), counts.get(Outcome.ERROR), Math.max(0, offered - finished),
                errors.snapshot(), LatencySummary.of(all), byOutcome, maxUtilization, Math.round(exhausted), health,
                activeAfter, log, ticks, faultEvents, faultError, attempts, scripts);
    }

    /** The service's objects, built on this run's pool (its DataSource goes through the run's admission). */
    private static ServiceCode.Request startService(ServiceCode code, DbPool pool) {
        try {
            return code.start(pool.dataSource());
        } catch (Exception e) {
            throw new IllegalStateException("the service's code could not be built on the soak's pool: " + e, e);
        }
    }

    private Counter exhaustedCounter(String service) {
        // The pool's own counter (same name and labels; the pool's name is the service's by default).
        return Counter.builder(MetricNames.meterName(MetricNames.EXHAUSTED))
                .tag(MetricNames.LABEL_SERVICE, service)
                .tag(MetricNames.LABEL_POOL, service)
                .register(registry);
    }

    /**
     * One attempt of a request on a request thread: runs it, and either schedules the retry or, for the
     * request's last attempt, records the request's outcome and latency from its intended start.
     */
    private record Attempt(ArrivalSchedule schedule, long origin, int firstMeasured, SoakRequest request,
                           Retries retries, TickRecorder recorder, RequestLog log, ScriptTally scripts) {

        void run(int index, int retry) {
            long intended = origin + schedule.offset(index);
            boolean counted = intended >= origin;
            retries.starting(retry, System.nanoTime() - origin, counted);
            SoakRequest.Attempt result = request.attempt(index);
            if (retries.retry(index, retry, result.outcome(), counted, () -> run(index, retry + 1))) {
                return;
            }
            if (counted) {
                request.count(result);
                if (scripts != null && result.error() != null) {
                    scripts.recordError(index, result.error());
                }
                long latency = System.nanoTime() - intended;
                recorder.record(result.outcome(), latency);
                log.record(index - firstMeasured, result.outcome(), latency);
            }
        }
    }

    /** How much longer the drain waits when requests may still retry: every backoff, and an acquire timeout each. */
    private static final class RetryPolicyDrain {
        static Duration extra(RetryPolicy retry, Duration acquireTimeout) {
            Duration total = Duration.ZERO;
            for (int n = 1; n <= retry.retries(); n++) {
                total = total.plusNanos(retry.backoffNanos(n, 1.0)).plus(acquireTimeout);
            }
            return total.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : total;
        }
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
