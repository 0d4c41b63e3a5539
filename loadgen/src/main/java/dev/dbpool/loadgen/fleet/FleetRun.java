package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.engine.ArrivalSchedule;
import dev.dbpool.loadgen.engine.OpenModelGenerator;
import dev.dbpool.loadgen.engine.WorkloadStatements;
import dev.dbpool.loadgen.faults.FaultContext;
import dev.dbpool.loadgen.faults.FaultTimeline;
import dev.dbpool.loadgen.faults.SessionTracker;
import dev.dbpool.loadgen.model.Arrival;
import dev.dbpool.loadgen.model.GeneratorHealth;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;

import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One fleet soak, start to end: a pool per replica of every service (its own pool name, the service's
 * {@code ApplicationName}, minimum kept small), an open-model load per replica with a bounded set of
 * request threads, the faults on the shared table, a superuser session that counts the server's
 * sessions every {@value SessionSampler#INTERVAL_MILLIS} ms, and the drain. Requests are judged by
 * intended start, as in the single-service soak.
 */
public final class FleetRun {

    private static final long SECOND = 1_000_000_000L;
    private static final Duration DRAIN_EXTRA = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    private final FleetScenario scenario;
    private final FleetTarget target;
    private final MeterRegistry registry;
    private final Consumer<String> progress;

    /**
     * @param progress hears steps and, every 5 s, a line on the run (from the soak's own threads)
     */
    public FleetRun(FleetScenario scenario, FleetTarget target, MeterRegistry registry, Consumer<String> progress) {
        this.scenario = scenario;
        this.target = target;
        this.registry = registry;
        this.progress = progress;
    }

    /**
     * @param pooler read once the load is over (PgBouncer's own log)
     */
    public FleetResult run(String database, int serverMaxConnections, int superuserReserved,
                           Supplier<Optional<FleetResult.PoolerOutcome>> pooler) throws InterruptedException {
        Instant startedAt = Instant.now();
        int seconds = (int) ((scenario.duration().toNanos() + SECOND - 1) / SECOND);
        List<ServiceLoad> loads = new ArrayList<>();
        List<Replica> replicas = new ArrayList<>();
        List<Thread> dispatchers = new ArrayList<>();
        SessionSampler sampler = null;
        try {
            progress.accept("opening " + scenario.replicas() + " pools for " + scenario.services().size()
                    + " services (" + scenario.allocated() + " connections at most, min "
                    + FleetScenario.MAX_MIN_CONNECTIONS + " each)");
            int replicaIndex = 0;
            for (FleetService service : scenario.services()) {
                ServiceLoad load = new ServiceLoad(service, seconds);
                loads.add(load);
                Workload workload = new Workload(scenario.rows(), scenario.writePercent(), service.hold());
                for (int i = 0; i < service.replicas(); i++) {
                    long seed = scenario.seed() + 1_000_003L * replicaIndex++;
                    ArrivalSchedule schedule = ArrivalSchedule.generate(Arrival.POISSON,
                            service.ratePerSecond() / service.replicas(), scenario.warmup(), scenario.duration(),
                            scenario.faults(), seed);
                    load.addOffered(schedule);
                    DbPool pool = openPool(service, i, load);
                    load.pools.add(pool);
                    Replica replica = new Replica(load, pool, schedule,
                            new WorkloadStatements(target.schema(), workload, seed),
                            new OpenModelGenerator(scenario.threadsFor(service)));
                    replicas.add(replica);
                }
            }
            sampler = SessionSampler.start(target.admin(), loads);

            long origin = System.nanoTime() + scenario.warmup().toNanos() + TimeUnit.MILLISECONDS.toNanos(300);
            sampler.setOrigin(origin);
            progress.accept("load: " + Math.round(scenario.ratePerSecond()) + "/s over " + scenario.replicas()
                    + " replicas for " + scenario.duration().toSeconds() + "s after a " + scenario.warmup().toSeconds()
                    + "s warm-up; faults " + scenario.faults());
            for (Replica replica : replicas) {
                Thread t = new Thread(() -> replica.generator.dispatch(replica.schedule, origin,
                        i -> execute(replica, origin, i)), "fleet-dispatch-" + replica.pool.poolName());
                t.setDaemon(true);
                dispatchers.add(t);
            }
            dispatchers.forEach(Thread::start);

            FaultContext context = new FaultContext(target.admin(), target.schema() + ".accounts",
                    new SessionTracker(), "fleet", target.restarter());
            String faultError;
            SessionSampler live = sampler;
            Thread reporter = new Thread(() -> report(origin, live, loads, seconds), "fleet-progress");
            reporter.setDaemon(true);
            reporter.start();
            try (FaultTimeline faults = FaultTimeline.start(scenario.faults(), origin, context)) {
                for (Thread t : dispatchers) {
                    t.join();
                }
                long untilEnd = origin + scenario.duration().toNanos() - System.nanoTime();
                if (untilEnd > 0) {
                    TimeUnit.NANOSECONDS.sleep(untilEnd);
                }
                faults.close();
                faultError = faults.firstError();
                progress.accept("draining: requests still queued or waiting get the acquire timeout + 5s");
                long drainUntil = System.nanoTime() + scenario.acquireTimeout().plus(DRAIN_EXTRA).toNanos();
                for (Replica replica : replicas) {
                    long left = Math.max(0, drainUntil - System.nanoTime());
                    replica.generator.awaitIdle(Duration.ofNanos(left));
                }
            } finally {
                reporter.interrupt();
            }
            sampler.close();
            String problem = null;
            for (Replica replica : replicas) {
                GeneratorHealth health = replica.generator.health();
                if (!health.valid() && problem == null) {
                    problem = replica.pool.poolName() + ": " + health.problem();
                }
            }
            List<ServiceResult> results = loads.stream().map(ServiceLoad::result).toList();
            return new FleetResult(scenario, database, startedAt, serverMaxConnections, superuserReserved,
                    sampler.samples(), results, pooler.get(), problem == null, problem, faultError);
        } finally {
            for (Thread t : dispatchers) {
                t.interrupt();
            }
            if (sampler != null) {
                sampler.close();
            }
            for (Replica replica : replicas) {
                replica.generator.close();
            }
            for (Replica replica : replicas) {
                replica.pool.close();
            }
        }
    }

    private DbPool openPool(FleetService service, int index, ServiceLoad load) {
        String user = service.user().orElse(target.defaultUser());
        DbConfig config = new DbConfig(service.name(), target.describe(user), service.maxConnections(),
                Math.min(service.minConnections(), FleetScenario.MAX_MIN_CONNECTIONS),
                Duration.ofSeconds(CONNECT_TIMEOUT_SECONDS), scenario.acquireTimeout(), DbConfig.DEFAULT_IDLE_TIMEOUT,
                DbConfig.DEFAULT_MAX_LIFETIME, true);
        return DbPool.builder(config)
                .poolName(service.poolName(index))
                .meterRegistry(registry)
                .connectionSource(new CountingDataSource(target, user, service.name(), CONNECT_TIMEOUT_SECONDS,
                        load.refused))
                .build();
    }

    private void execute(Replica replica, long origin, int index) {
        long offset = replica.schedule.offset(index);
        boolean counted = offset >= 0;
        long intended = origin + offset;
        int second = (int) Math.min(replica.load.seconds - 1, Math.max(0, offset / SECOND));
        Connection connection;
        try {
            connection = replica.pool.acquireWithMetrics();
        } catch (SQLTransientConnectionException e) {
            if (counted) {
                replica.load.timedOut(second, sqlState(e));
            }
            return;
        } catch (SQLException | RuntimeException e) {
            if (counted) {
                replica.load.failed(second, sqlState(e));
            }
            return;
        }
        try (connection) {
            replica.workload.execute(connection, index);
        } catch (SQLException | RuntimeException e) {
            if (counted) {
                replica.load.failed(second, sqlState(e));
            }
            return;
        }
        if (counted) {
            long latency = System.nanoTime() - intended;
            replica.load.succeeded(second, latency <= scenario.deadline().toNanos());
        }
    }

    /** Every 5 s of the measured run: sessions, goodput of the last second, refusals so far. */
    private void report(long origin, SessionSampler sampler, List<ServiceLoad> loads, int seconds) {
        try {
            long next = origin + 5 * SECOND;
            while (true) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                int second = (int) ((next - origin) / SECOND);
                if (second > seconds) {
                    return;
                }
                long good = loads.stream().mapToLong(l -> l.good.get(Math.max(0, second - 2))).sum();
                long offered = loads.stream().mapToLong(l -> l.offered[Math.max(0, second - 2)]).sum();
                long refused = loads.stream().mapToLong(l -> l.refused.getOrDefault(FleetResult.TOO_MANY_CONNECTIONS,
                        new LongAdder()).sum()).sum();
                progress.accept(String.format(java.util.Locale.ROOT, "t=%2ds  server sessions %d (max so far %d)  "
                                + "good %d of %d offered at t=%ds  refused %d", second, sampler.last().sessions(),
                        sampler.max(), good, offered, Math.max(0, second - 2), refused));
                next += 5 * SECOND;
            }
        } catch (InterruptedException e) {
            // the run is over
        }
    }

    /** The SQLState a failure carries, looking through causes and next exceptions; {@code none} without one. */
    static String sqlState(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                if (sql.getSQLState() != null) {
                    return sql.getSQLState();
                }
                SQLException next = sql.getNextException();
                if (next != null && next.getSQLState() != null) {
                    return next.getSQLState();
                }
            }
        }
        return "none";
    }

    private record Replica(ServiceLoad load, DbPool pool, ArrivalSchedule schedule, WorkloadStatements workload,
                           OpenModelGenerator generator) {
    }

    /** One service's counts, all replicas, by intended second. */
    static final class ServiceLoad {
        final FleetService service;
        final int seconds;
        final long[] offered;
        final AtomicLongArray good;
        final AtomicLongArray late;
        final AtomicLongArray timedOut;
        final AtomicLongArray errors;
        final Map<String, LongAdder> errorsBySqlState = new ConcurrentHashMap<>();
        final Map<String, LongAdder> refused = CountingDataSource.newCounts();
        final List<DbPool> pools = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile int connectionsMax;

        ServiceLoad(FleetService service, int seconds) {
            this.service = service;
            this.seconds = seconds;
            this.offered = new long[seconds];
            this.good = new AtomicLongArray(seconds);
            this.late = new AtomicLongArray(seconds);
            this.timedOut = new AtomicLongArray(seconds);
            this.errors = new AtomicLongArray(seconds);
        }

        String name() {
            return service.name();
        }

        void addOffered(ArrivalSchedule schedule) {
            long[] perSecond = schedule.offeredPerSecond();
            for (int i = 0; i < Math.min(perSecond.length, seconds); i++) {
                offered[i] += perSecond[i];
            }
        }

        void succeeded(int second, boolean inTime) {
            (inTime ? good : late).incrementAndGet(second);
        }

        void timedOut(int second, String sqlState) {
            timedOut.incrementAndGet(second);
            failed(second, sqlState);
        }

        void failed(int second, String sqlState) {
            errors.incrementAndGet(second);
            errorsBySqlState.computeIfAbsent(sqlState, k -> new LongAdder()).increment();
        }

        void sawConnections(int connections) {
            if (connections > connectionsMax) {
                connectionsMax = connections;
            }
        }

        ServiceResult result() {
            long o = 0;
            long g = 0;
            long l = 0;
            long t = 0;
            long e = 0;
            List<Long> goodPerSecond = new ArrayList<>();
            List<Long> offeredPerSecond = new ArrayList<>();
            for (int i = 0; i < seconds; i++) {
                o += offered[i];
                g += good.get(i);
                l += late.get(i);
                t += timedOut.get(i);
                e += errors.get(i);
                goodPerSecond.add(good.get(i));
                offeredPerSecond.add(offered[i]);
            }
            return new ServiceResult(service, o, g, l, t, e, Math.max(0, o - g - l - e),
                    CountingDataSource.snapshot(errorsBySqlState), refused.values().stream().mapToLong(LongAdder::sum).sum(),
                    CountingDataSource.snapshot(refused), connectionsMax, goodPerSecond, offeredPerSecond);
        }
    }
}
