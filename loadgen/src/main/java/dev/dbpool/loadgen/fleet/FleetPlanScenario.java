package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PgBouncerConfig;
import dev.dbpool.plan.PlanOptions;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.PoolerResult;
import dev.dbpool.plan.ServerLimits;
import dev.dbpool.plan.ServiceAllocation;
import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.Traffic;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A fleet soak's scenario from the fleet as the plan reads it ({@link FleetPlan}: one reader for plan and soak):
 * every service's pools × replicas as the plan allocates them (or fits them), each at its {@code peak_qps} × load,
 * and, through PgBouncer, a pooler sized from the plan so that its server side fits the budget.
 */
public final class FleetPlanScenario {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private FleetPlanScenario() {
    }

    /**
     * @throws InvalidConfigException when the fleet has several databases or the settings do not make a scenario
     * @throws dev.dbpool.plan.PlanException when the server at {@code databaseUrl} cannot be read
     */
    public static FleetScenario of(FleetPlan plan, FleetSoakSettings settings) {
        if (!plan.singleDatabase()) {
            throw new InvalidConfigException(plan.source() + " has " + plan.databases().size() + " databases; a fleet "
                    + "soak runs one server: give a services file with one database (or manifests)");
        }
        PlanOptions options = PlanOptions.defaults().withFit(settings.fit())
                .withFallbackBudget(settings.maxConnections(), settings.reservedConnections());
        if (settings.databaseUrl().isPresent()) {
            String url = settings.databaseUrl().get();
            DatabaseUrl.parse("databaseUrl", url);
            options = options.withServer(ServerLimits.read(url, CONNECT_TIMEOUT));
        }
        DatabaseResult database = plan.evaluate(options).database();
        List<FleetService> services = services(database, settings);
        long allocated = services.stream().mapToLong(FleetService::allocated).sum();
        Optional<PoolerSettings> pooler = settings.pgbouncer()
                ? Optional.of(pooler(plan, options, database, services, allocated)) : Optional.empty();
        try {
            return new FleetScenario(plan.source(), services, database.budget().maxConnections(),
                    database.budget().reservedConnections(), settings.fit(), pooler, settings.duration(),
                    settings.warmup(), settings.faults(), settings.seed(), settings.rows(), settings.writePercent(),
                    settings.acquireTimeout(), settings.deadline(), settings.threadsPerReplica());
        } catch (InvalidConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw (InvalidConfigException) new InvalidConfigException(e.getMessage()).initCause(e);
        }
    }

    /**
     * Each service as the plan has it; the rate from its peak_qps, else from its (unfitted) pool, so every
     * variant gets the same load.
     */
    private static List<FleetService> services(DatabaseResult database, FleetSoakSettings settings) {
        List<FleetService> out = new ArrayList<>();
        double load = settings.load();
        for (ServiceAllocation a : database.services()) {
            ServicePlan s = a.service();
            int max = settings.fit() ? a.fittedMaxConnections().orElse(a.maxConnections()) : a.maxConnections();
            Optional<Traffic> traffic = s.traffic();
            double rate;
            String source;
            Duration hold;
            if (traffic.isPresent()) {
                rate = traffic.get().peakQps().doubleValue() * load;
                source = "peak_qps " + traffic.get().peakQps().toPlainString() + " x " + load;
                hold = Duration.ofNanos(Math.round(traffic.get().holdMs().doubleValue() * 1_000_000));
            } else {
                hold = settings.hold();
                double perReplica = FleetScenario.DEFAULT_UTILIZATION * a.maxConnections()
                        / Math.max(0.001, hold.toNanos() / 1e9);
                rate = perReplica * a.replicas() * load;
                source = "default: " + Math.round(100 * FleetScenario.DEFAULT_UTILIZATION) + "% of max " + a.maxConnections()
                        + " at " + DurationText.format(hold) + " held, x " + load;
            }
            out.add(new FleetService(s.name(), a.replicas(), max, a.maxConnections(), Math.min(a.minConnections(), max),
                    rate, source, hold, settings.databaseUrl().isEmpty() ? s.user() : Optional.empty()));
        }
        return out;
    }

    /**
     * The fleet file's PgBouncer when it has one; else one sized to the budget: transaction pooling, the
     * available connections shared by the (database, user) pairs, no reserve, max_db_connections = available.
     * The plan then says what it opens (its own arithmetic).
     */
    private static PoolerSettings pooler(FleetPlan plan, PlanOptions options, DatabaseResult database,
                                         List<FleetService> services, long allocated) {
        Optional<PgBouncerConfig> own = plan.database().pooler();
        int available = database.budget().available();
        PgBouncerConfig config;
        String source;
        if (own.isPresent()) {
            config = own.get();
            source = config.source();
        } else {
            Set<String> users = new LinkedHashSet<>();
            services.forEach(s -> users.add(s.user().orElse("")));
            int pairs = Math.max(1, users.size());
            config = new PgBouncerConfig("sized by dbpool to the budget", (int) Math.max(allocated + 10, 20),
                    Math.max(1, available / pairs), 0, available, 0, PgBouncerConfig.TRANSACTION, OptionalInt.empty(),
                    Map.of());
            source = "sized by dbpool: " + available + " available over " + pairs + " (database, user) pair"
                    + (pairs == 1 ? "" : "s");
        }
        PoolerResult checked = plan.withPooler(config).evaluate(options).database().pooler().orElseThrow();
        String database0 = plan.database().name();
        String mode = own.isPresent() ? config.poolModeFor(database0) : PoolerSettings.TRANSACTION;
        return new PoolerSettings(source, mode, config.maxClientConn(),
                entry(config, database0, true).orElse(config.defaultPoolSize()),
                entry(config, database0, false).orElse(config.reservePoolSize()),
                config.maxDbConnectionsFor(database0), config.maxUserConnections(), allocated,
                checked.serverConnections(), allocated <= config.maxClientConn() && checked.serverSideFits());
    }

    /** A {@code [databases]} entry's pool_size (or reserve_pool), when it sets one. */
    private static Optional<Integer> entry(PgBouncerConfig config, String database, boolean poolSize) {
        return config.entryFor(database).flatMap(e -> {
            OptionalInt v = poolSize ? e.poolSize() : e.reservePool();
            return v.isPresent() ? Optional.of(v.getAsInt()) : Optional.empty();
        });
    }
}
