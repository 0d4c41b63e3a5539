package dev.dbpool.junit;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.SoakListener;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakRunner;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.Parameters;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.config.InvalidConfigException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.opentest4j.TestAbortedException;

import javax.sql.DataSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A soak from a test: {@code dbpool soak}'s engine (an open-model schedule, faults on the database, goodput
 * judged by deadline) sized to run in seconds, against the extension's database or the database of a
 * service's own pool, with the figures of {@code report.json} to assert on:
 *
 * <pre>{@code
 * SoakResults report = Soak.of("auth-service").rate(200).duration(Duration.ofSeconds(10))
 *         .fault("slowdown@4s+2s").build().run(database);
 * assertThat(report.run("codel").goodputRatio()).isGreaterThan(0.8);
 * }</pre>
 *
 * A bad value fails {@link Builder#build()} (or {@link Builder#fault}) with an {@link InvalidConfigException}
 * that names the builder's parameter and the value. A run the generator could not keep to its schedule (a
 * busy machine) is no verdict: {@link #run} aborts the test ({@link TestAbortedException}) with the reason.
 */
public final class Soak {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final double DEFAULT_RATE = 100;
    public static final int DEFAULT_THREADS = 32;
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(1);
    public static final int DEFAULT_ROWS = 10_000;

    private final SoakScenario scenario;

    private Soak(SoakScenario scenario) {
        this.scenario = scenario;
    }

    /**
     * A soak of {@code service}'s pool with test-sized defaults: 10 s at 100 arrivals/s (Poisson) after a 1 s
     * warm-up, 32 request threads, no fault, one run with the default admission policy, a 1 s deadline, a
     * 10,000-row table, the pool's own acquire timeout.
     */
    public static Builder of(String service) {
        return new Builder(service);
    }

    /** The loadgen scenario this soak runs (what {@code dbpool soak} would run with the same flags). */
    public SoakScenario scenario() {
        return scenario;
    }

    /** On the extension's database, with the service's pool as {@link DbpoolDatabase#config} makes it (preset and env). */
    public SoakResults run(DbpoolDatabase database, String... env) {
        return run(database.config(scenario.service(), env));
    }

    /**
     * With the settings of a pool the service built (URL, credentials, sizes, timeouts). Each run builds a
     * fresh pool from them with its mode's admission; {@code pool} itself is not borrowed from.
     */
    public SoakResults run(DbPool pool) {
        return run(pool.config());
    }

    /**
     * With the settings of a service's own {@code DataSource}: a HikariCP one, or one that unwraps to it (a
     * {@code DbPool}'s, Spring Boot's). Its URL, credentials, maximum and minimum size and connection timeout
     * become the soak's pool.
     *
     * @throws IllegalArgumentException when {@code dataSource} is not HikariCP underneath
     */
    public SoakResults run(DataSource dataSource) {
        HikariDataSource hikari;
        try {
            hikari = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            throw new IllegalArgumentException("Soak.run(DataSource) needs a HikariCP DataSource (or one that unwraps "
                    + "to it, as DbPool.dataSource() does), got " + dataSource.getClass().getName(), e);
        }
        // The DataSource's URL, never the shell's DATABASE_URL (an empty environment: nothing read from it).
        DbConfig config = DbConfig.fromEnv(scenario.service(), Map.of())
                .withDatabaseUrl(hikari.getJdbcUrl())
                .withCredentials(hikari.getUsername(), hikari.getPassword())
                .withPoolSize(hikari.getMaximumPoolSize(), Math.max(0, Math.min(hikari.getMinimumIdle(),
                        hikari.getMaximumPoolSize())))
                .withAcquireTimeout(Duration.ofMillis(hikari.getConnectionTimeout()));
        return run(config);
    }

    /**
     * With {@code pool} as the service's pool settings; its URL names the database, where the soak creates a
     * schema of its own ({@code dbpool_soak_...}) and drops it afterwards.
     */
    public SoakResults run(DbConfig pool) {
        DatabaseUrl url = pool.parsedDatabaseUrl();
        SoakReport report;
        try (SoakDatabase database = SoakDatabase.external(withCredentials(url), null)) {
            report = SoakRunner.run(scenario, database, pool, new SimpleMeterRegistry(), SoakListener.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("soak interrupted", e);
        }
        return SoakResults.of(report);
    }

    /** {@code jdbc:postgresql://host/db?user=..&password=..}: SoakDatabase takes one URL with the credentials. */
    static String withCredentials(DatabaseUrl url) {
        StringBuilder s = new StringBuilder(url.jdbcUrl());
        char separator = url.jdbcUrl().contains("?") ? '&' : '?';
        if (url.user() != null) {
            s.append(separator).append("user=").append(URLEncoder.encode(url.user(), StandardCharsets.UTF_8));
            separator = '&';
        }
        if (url.password() != null) {
            s.append(separator).append("password=").append(URLEncoder.encode(url.password(), StandardCharsets.UTF_8));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "soak of " + scenario.service() + ": " + SoakResults.describe(scenario);
    }

    /** Mutable, checked by {@link #build()}. */
    public static final class Builder {
        private final SoakScenario.Builder scenario;
        private final List<Fault> faults = new ArrayList<>();
        private Workload workload = Workload.ofDefaults().withRows(DEFAULT_ROWS);

        private Builder(String service) {
            this.scenario = SoakScenario.builder(service).duration(DEFAULT_DURATION).rate(DEFAULT_RATE)
                    .threads(DEFAULT_THREADS).warmup(DEFAULT_WARMUP).faults(List.of())
                    .modes(List.of(Mode.DEFAULT_POLICY));
        }

        /** Arrivals per second (Poisson). */
        public Builder rate(double perSecond) {
            scenario.rate(perSecond);
            return this;
        }

        /** The measured run, per mode. */
        public Builder duration(Duration value) {
            scenario.duration(value);
            return this;
        }

        /** Unmeasured load before each run. */
        public Builder warmup(Duration value) {
            scenario.warmup(value);
            return this;
        }

        /** The service's request threads (a bounded executor, like a real service's). */
        public Builder threads(int value) {
            scenario.threads(value);
            return this;
        }

        /**
         * A fault on the timeline, in {@code dbpool soak --fault} syntax: {@code slowdown@4s+2s},
         * {@code kill@3s+1s}, {@code spike:3@4s+2s} (a {@code restart} needs a server the soak may stop,
         * which the extension's shared database is not). Repeatable.
         *
         * @throws InvalidConfigException naming {@code fault} and the text
         */
        public Builder fault(String fault) {
            faults.add(Fault.parse(fault));
            return this;
        }

        /** Runs only the policy called {@code name} (the default: {@code codel}, the runtime's default). */
        public Builder policy(String name) {
            return modes(name);
        }

        /**
         * The runs, in order, by name: {@code wait} (plain HikariCP waiting up to the acquire timeout),
         * {@code threshold}, {@code codel}, and the peer libraries around a waiting pool {@code vegas},
         * {@code gradient2}, {@code bulkhead}. Each runs the same seeded schedule on a fresh pool.
         *
         * @throws InvalidConfigException naming {@code modes} and the bad name
         */
        public Builder modes(String... names) {
            scenario.modes(Mode.parseList(String.join(",", names), "modes"));
            return this;
        }

        /**
         * Every policy's parameters, as the runtime reads them from the environment
         * ({@code DB_POOL_CODEL_TARGET_MS}, {@code DB_POOL_BACKPRESSURE_THRESHOLD}, ...).
         */
        public Builder policyParameters(Map<String, String> variables) {
            Parameters parameters = Parameters.of(Map.copyOf(variables)::get);
            scenario.policyParameters(parameters).threshold(ThresholdSettings.from(parameters).threshold());
            return this;
        }

        /** A request that succeeded within this from its intended start is good; after it, late. */
        public Builder deadline(Duration value) {
            scenario.deadline(value);
            return this;
        }

        /** The pool's acquire timeout in this soak, instead of the service's own. */
        public Builder acquireTimeout(Duration value) {
            scenario.acquireTimeout(value);
            return this;
        }

        /** The arrival schedule's seed: the same seed, the same schedule. */
        public Builder seed(long value) {
            scenario.seed(value);
            return this;
        }

        /** How long each request keeps its connection besides its queries (default 6 ms, spent on the server). */
        public Builder hold(Duration value) {
            workload = workload.withHold(value);
            return this;
        }

        /** Rows in the soak's table (requests pick one at random). */
        public Builder rows(int value) {
            workload = workload.withRows(value);
            return this;
        }

        /**
         * @throws InvalidConfigException naming the parameter and its value ({@code rate must be a positive
         *                                number of arrivals per second, got '-5'})
         */
        public Soak build() {
            return new Soak(scenario.faults(List.copyOf(faults)).workload(workload).build());
        }
    }
}
