package dev.dbpool.loadgen;

import dev.dbpool.loadgen.engine.ArrivalSchedule;
import dev.dbpool.loadgen.engine.ModeRun;
import dev.dbpool.loadgen.engine.RunSetup;
import dev.dbpool.loadgen.db.SoakDatabaseException;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.netfault.FaultProxy;
import dev.dbpool.loadgen.netfault.ProxiedUrl;
import dev.dbpool.loadgen.workload.Script;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.config.InvalidConfigException;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a {@link SoakScenario} (or a {@link SoakSweep} of it over several rates) on a {@link SoakDatabase}:
 * sets up the schema, measures the pool's capacity, computes each rate's seeded schedule once, runs it
 * once per mode through a fresh preset pool, and judges each rate's runs together.
 *
 * <pre>{@code
 * try (SoakDatabase db = SoakDatabase.embedded()) {
 *     SoakReport report = SoakRunner.run(SoakScenario.builder("auth-service").build(), db,
 *             new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), SoakListener.NONE);
 * }
 * }</pre>
 */
public final class SoakRunner {

    private SoakRunner() {
    }

    /**
     * @throws InvalidConfigException when the scenario asks for what the database cannot do (a restart
     *                                fault without the embedded server or {@code --pg-ctl})
     * @throws dev.dbpool.loadgen.db.SoakDatabaseException when the database cannot be set up
     */
    public static SoakReport run(SoakScenario scenario, SoakDatabase database, MeterRegistry registry,
                                 SoakListener listener) throws InterruptedException {
        return run(scenario, database, poolConfig(scenario, database), registry, listener);
    }

    /**
     * The same with the service's own pool settings (sizes, timeouts, credentials: for example
     * {@code DbConfig.fromEnv(service)} as the service builds its pool) instead of the preset's. Each run
     * still builds a fresh pool from {@code pool} with its mode's admission. {@code pool}'s URL must name
     * {@code database}'s server; the scenario's service name and acquire timeout (when set) win.
     */
    public static SoakReport run(SoakScenario scenario, SoakDatabase database, DbConfig servicePool,
                                 MeterRegistry registry, SoakListener listener) throws InterruptedException {
        return sweep(SoakSweep.of(scenario), database, servicePool, registry, listener).reports().get(0);
    }

    /** Every rate of {@code sweep}, a set of runs each, on the preset pool; see {@link #sweep(SoakSweep, SoakDatabase, DbConfig, MeterRegistry, SoakListener)}. */
    public static SweepReport sweep(SoakSweep sweep, SoakDatabase database, MeterRegistry registry,
                                    SoakListener listener) throws InterruptedException {
        return sweep(sweep, database, poolConfig(sweep.first(), database), registry, listener);
    }

    /** The same, adding each run to {@code finished} as it ends (what a stopped soak can still report). */
    public static SweepReport sweep(SoakSweep sweep, SoakDatabase database, MeterRegistry registry,
                                    SoakListener listener, FinishedRuns finished) throws InterruptedException {
        return sweep(sweep, database, poolConfig(sweep.first(), database), registry, listener, finished);
    }

    /**
     * Sets up the schema, measures the pool's capacity once (when the scenario asks for it), then runs each
     * rate's seeded schedule once per mode through a fresh pool, and judges each rate's runs together.
     */
    public static SweepReport sweep(SoakSweep sweep, SoakDatabase database, DbConfig servicePool,
                                    MeterRegistry registry, SoakListener listener) throws InterruptedException {
        return sweep(sweep, database, servicePool, registry, listener, new FinishedRuns());
    }

    private static SweepReport sweep(SoakSweep sweep, SoakDatabase database, DbConfig servicePool,
                                     MeterRegistry registry, SoakListener listener, FinishedRuns finished)
            throws InterruptedException {
        SoakScenario first = sweep.first();
        checkFaultsPossible(first, database);
        DbConfig direct = servicePool.withServiceName(first.service());
        if (first.acquireTimeout() != null) {
            direct = direct.withAcquireTimeout(first.acquireTimeout());
        }
        boolean accounts = !first.hasScripts() || first.scripts().scripts().stream()
                .anyMatch(s -> s.name().equals(Script.BUILTIN));
        listener.step("setting up schema " + database.schema() + (accounts ? " (" + first.workload().rows() + " rows)" : "")
                + (first.init() == null ? "" : ", running " + first.init().name() + " in it"));
        database.setUp(first.workload(), accounts, first.init());
        if (first.hasServiceCode()) {
            initServiceCode(first, database);
        }
        checkLockedTablesExist(first, database);
        if (first.hasScripts() || first.init() != null || first.hasServiceCode()) {
            direct = withSearchPath(direct, database.searchPath());
        }
        // Network faults act on a loopback proxy that only the pools go through; admin sessions go direct.
        try (FaultProxy proxy = first.hasNetworkFaults() ? startProxy(direct, listener) : null) {
            DbConfig pool = proxy == null ? direct : throughProxy(direct, proxy);
            Capacity capacity = CapacityProbe.measure(first, pool, database, listener);
            List<SoakReport> reports = new ArrayList<>();
            for (SoakScenario scenario : sweep.scenarios()) {
                if (sweep.isSweep()) {
                    listener.step(String.format(java.util.Locale.ROOT, "rate %d of %d: %s/s",
                            reports.size() + 1, sweep.scenarios().size(), TextSummary.number(scenario.ratePerSecond())));
                }
                ArrivalSchedule schedule = ArrivalSchedule.generate(scenario.arrival(), scenario.ratePerSecond(),
                        scenario.warmup(), scenario.duration(), scenario.faults(), scenario.seed());
                // Admin sessions see the scripts' search_path, so that a lock fault finds the table they use.
                RunSetup setup = new RunSetup(pool, scenario.threads(), scenario.workload(), scenario.seed(),
                        scenario.faults(), database.schema(), SoakDatabase.TABLE, database::scriptConnection,
                        database.restarter(), scenario.retry(), Optional.ofNullable(proxy),
                        Optional.ofNullable(scenario.scripts()), Optional.ofNullable(scenario.serviceCode()));
                reports.add(runModes(scenario, database, registry, listener, direct, schedule, setup, capacity, finished));
            }
            return SweepReport.of(reports);
        }
    }

    private static SoakReport runModes(SoakScenario scenario, SoakDatabase database, MeterRegistry registry,
                                       SoakListener listener, DbConfig pool, ArrivalSchedule schedule,
                                       RunSetup setup, Capacity capacity, FinishedRuns finished)
            throws InterruptedException {
        Instant startedAt = Instant.now();
        SoakReport.PoolSummary summary = new SoakReport.PoolSummary(pool.maxConnections(), pool.minConnections(),
                pool.acquireTimeout());
        List<RunResult> runs = new ArrayList<>();
        for (Mode mode : scenario.modes()) {
            // Each run starts from the same table: without the dead rows the runs before it left.
            database.vacuum();
            listener.runStarting(mode, scenario);
            RunResult result = new ModeRun(setup, scenario.runAdmission(mode, pool.maxConnections()), schedule, registry,
                    tick -> listener.tick(mode, tick, scenario)).run();
            listener.runFinished(result);
            runs.add(result);
            finished.add(scenario, summary, database.description(), startedAt, capacity, result);
        }
        return SoakReport.of(scenario, summary, database.description(), startedAt, capacity, runs);
    }

    private static FaultProxy startProxy(DbConfig direct, SoakListener listener) {
        ProxiedUrl url;
        try {
            url = ProxiedUrl.parse(direct.parsedDatabaseUrl().jdbcUrl());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("fault: " + e.getMessage());
        }
        FaultProxy proxy = FaultProxy.start(url.host(), url.port());
        listener.step("network faults: the pools connect through 127.0.0.1:" + proxy.port() + " to "
                + url.host() + ":" + url.port());
        return proxy;
    }

    /** The same pool, its connections opened through {@code proxy}; same user and password. */
    static DbConfig throughProxy(DbConfig direct, FaultProxy proxy) {
        DatabaseUrl url = direct.parsedDatabaseUrl();
        return direct.withDatabaseUrl(ProxiedUrl.parse(url.jdbcUrl()).through(proxy.port()))
                .withCredentials(url.user(), url.password());
    }

    /**
     * The same pool, its connections starting with {@code searchPath} (pgjdbc's {@code currentSchema},
     * sent in the startup packet): unqualified names in the scripts resolve to the soak's schema first.
     */
    static DbConfig withSearchPath(DbConfig config, String searchPath) {
        DatabaseUrl url = config.parsedDatabaseUrl();
        String jdbc = url.jdbcUrl();
        String parameter = "currentSchema=" + URLEncoder.encode(searchPath, StandardCharsets.UTF_8);
        return config.withDatabaseUrl(jdbc + (jdbc.contains("?") ? "&" : "?") + parameter)
                .withCredentials(url.user(), url.password());
    }

    private static void initServiceCode(SoakScenario scenario, SoakDatabase database) {
        try {
            scenario.serviceCode().init(database.scriptDataSource());
        } catch (Exception e) {
            throw new IllegalStateException("the service's init failed in schema " + database.schema() + ": " + e, e);
        }
    }

    /** A lock fault on a table the scripts' search_path does not find is refused before any load. */
    static void checkLockedTablesExist(SoakScenario scenario, SoakDatabase database) {
        for (Fault fault : scenario.faults()) {
            if (fault.kind() != FaultKind.LOCK) {
                continue;
            }
            boolean exists;
            try {
                exists = database.tableExists(fault.table());
            } catch (SQLException e) {
                throw SoakDatabaseException.failed("cannot look up table " + fault.table(), e);
            }
            if (!exists) {
                throw new InvalidConfigException("--fault " + fault + ": no table " + fault.table()
                        + " on the soak's search_path (" + database.searchPath() + ")"
                        + (scenario.init() == null ? "" : "; did " + scenario.init().name() + " create it?"));
            }
        }
    }

    /** The pool the soak builds: the service's preset, on the soak's database. */
    public static DbConfig poolConfig(SoakScenario scenario, SoakDatabase database) {
        // The soak's database, not the shell's DATABASE_URL: an explicit database wins and the environment is not read.
        DbConfig config = DbConfig.fromEnv(scenario.service(), Map.of()).withDatabaseUrl(database.databaseUrl());
        return scenario.acquireTimeout() == null ? config : config.withAcquireTimeout(scenario.acquireTimeout());
    }

    /** A restart fault needs a server this soak may stop: the embedded one, or one that {@code --pg-ctl} controls. */
    public static void checkFaultsPossible(SoakScenario scenario, SoakDatabase database) {
        boolean restarts = scenario.faults().stream().anyMatch(f -> f.kind() == FaultKind.RESTART);
        if (restarts && database.restarter().isEmpty()) {
            throw new InvalidConfigException("fault restart needs the embedded database (no databaseUrl) "
                    + "or pgCtl to stop and start the server at databaseUrl");
        }
    }
}
