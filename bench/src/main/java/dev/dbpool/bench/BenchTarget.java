package dev.dbpool.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.dbpool.bench.stub.StubDataSource;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.admission.AdmissionSettings;
import io.micrometer.core.instrument.MeterRegistry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.function.Function;

/**
 * What the benchmark's pools connect to, and the two pools themselves, built from one
 * {@link DbConfig} so that they differ only in what dbpool adds:
 * <ul>
 *   <li>{@code stub}: connections from {@link StubDataSource}, which do no I/O, and nothing done
 *       with them: the figures are the pool's own cost (HikariCP benchmarks itself the same way);</li>
 *   <li>{@code postgres}: real pgjdbc connections to {@code DBPOOL_BENCH_DATABASE_URL} (default: the
 *       local server, {@value #DEFAULT_DATABASE_URL}), each used for one {@code SELECT 1} before it
 *       goes back. Without that round trip nothing would reach the server (HikariCP does no I/O to
 *       hand out a connection used in the last 500 ms), and the figures would repeat the stub's;
 *       with it they say what dbpool adds to a real, if minimal, request. No embedded fallback:
 *       its binaries would make {@code benchmarks.jar} 90 MB heavier, and a benchmark should name
 *       the server it measured.</li>
 * </ul>
 */
public final class BenchTarget {

    public static final String STUB = "stub";
    public static final String POSTGRES = "postgres";
    public static final String ENV_DATABASE_URL = "DBPOOL_BENCH_DATABASE_URL";
    public static final String DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";

    /** The preset whose maximum, 4, is the benchmark's default pool size. */
    static final String SERVICE = "video-service";
    static final String BASELINE_POOL = "hikari-baseline";
    static final String MICROMETER_POOL = "hikari-micrometer";
    /** Never contacted: with the stub, connections come from the {@code DataSource}, not from this URL. */
    private static final String STUB_URL = "postgres://stub.invalid/bench";

    /**
     * What a benchmark call does with the connection it got, between acquiring and releasing it.
     * Returns nothing on purpose: the benchmark returns the connection itself to JMH, so that the
     * JIT cannot scalar-replace HikariCP's proxy on one path and not on another (with the result
     * returned instead, it did so for bare HikariCP only, which made the baseline 20 ns and 56 B
     * per call cheaper than any application that hands its connection on).
     */
    @FunctionalInterface
    public interface Work {
        void use(Connection connection) throws SQLException;
    }

    private static final Work NOTHING = connection -> { };

    /** A round trip, its row read: network I/O, which the JIT cannot remove. */
    private static final Work SELECT_1 = connection -> {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new SQLException("SELECT 1 did not return 1");
            }
        }
    };

    private final DbConfig config;
    private final DataSource connectionSource;
    private final Work work;

    private BenchTarget(DbConfig config, DataSource connectionSource, Work work) {
        this.config = config;
        this.connectionSource = connectionSource;
        this.work = work;
    }

    /**
     * {@code stub} or {@code postgres}, with a fixed pool of {@code poolSize} connections (min = max,
     * as HikariCP advises, so that no connection is opened while measuring).
     */
    public static BenchTarget open(String target, int poolSize) {
        return open(target, poolSize, System::getenv);
    }

    static BenchTarget open(String target, int poolSize, Function<String, String> env) {
        DbConfig preset = DbConfig.forService(SERVICE).withPoolSize(poolSize, poolSize);
        switch (target.toLowerCase(Locale.ROOT)) {
            case STUB:
                return new BenchTarget(preset.withDatabaseUrl(STUB_URL), new StubDataSource(), NOTHING);
            case POSTGRES:
                String url = env.apply(ENV_DATABASE_URL);
                if (url == null || url.isBlank()) {
                    url = DEFAULT_DATABASE_URL;
                }
                return new BenchTarget(preset.withDatabaseUrl(url.strip()), null, SELECT_1);
            default:
                throw new IllegalArgumentException("target must be '" + STUB + "' or '" + POSTGRES + "', got '"
                        + target + "'");
        }
    }

    public DbConfig config() {
        return config;
    }

    /** Nothing on the stub, one {@code SELECT 1} round trip on PostgreSQL. */
    public Work work() {
        return work;
    }

    /**
     * Bare HikariCP: the settings of {@code pool}, read from its own HikariCP pool (one mapping for
     * both), but no metrics tracker, no exception override, no in-flight counter, no timer around
     * {@code getConnection}.
     */
    public HikariDataSource openBaseline(DbPool pool) throws SQLException {
        return openHikari(pool, BASELINE_POOL, null);
    }

    /**
     * HikariCP as a Spring Boot service has it: the settings of {@code pool}, and HikariCP's own
     * {@link MicrometerMetricsTrackerFactory} on {@code registry}, which is what Boot's
     * {@code DataSourcePoolMetricsAutoConfiguration} installs when Micrometer is present (two timers
     * recorded per borrow: the wait for the connection and how long it was held).
     */
    public HikariDataSource openHikariMicrometer(DbPool pool, MeterRegistry registry) throws SQLException {
        return openHikari(pool, MICROMETER_POOL, new MicrometerMetricsTrackerFactory(registry));
    }

    private static HikariDataSource openHikari(DbPool pool, String name, MetricsTrackerFactory tracker)
            throws SQLException {
        HikariConfig settings = new HikariConfig();
        pool.dataSource().unwrap(HikariDataSource.class).copyStateTo(settings);
        settings.setPoolName(name);
        settings.setMetricsTrackerFactory(tracker);
        settings.setExceptionOverride(null);
        return new HikariDataSource(settings);
    }

    /** The dbpool pool, its metrics in {@code registry}, admitting with {@code admission}. */
    public DbPool openDbPool(MeterRegistry registry, AdmissionSettings admission) {
        DbPool.Builder builder = DbPool.builder(config).meterRegistry(registry).admission(admission);
        if (connectionSource != null) {
            builder.connectionSource(connectionSource);
        }
        return builder.build();
    }
}
