package dev.dbpool.junit;

import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.testdb.PostgresNotFoundException;
import dev.dbpool.testdb.Places;
import dev.dbpool.testdb.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/** What a test class with nothing but the extension gets: a real database and the service's pool on it. */
@DbpoolTest
class DbpoolExtensionTest {

    private DbPool poolBeforeEach;

    @BeforeEach
    void setUp(@Pool("auth-service") DbPool pool) {
        poolBeforeEach = pool;
    }

    @Test
    void aPoolParameterIsTheServicesPresetPoolOnARealPostgres(@Pool("auth-service") DbPool pool, DbpoolDatabase db)
            throws Exception {
        assertThat(pool).isSameAs(poolBeforeEach);
        assertThat(pool.config().maxConnections()).isEqualTo(16);
        assertThat(pool.config().parsedDatabaseUrl()).isEqualTo(db.parsed());
        try (Connection c = pool.acquireWithMetrics(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('application_name'), current_setting('server_version_num')::int")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("auth-service");
            assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(100_000);
        }
        assertThat(db.source()).isIn("env DBPOOL_TEST_DATABASE_URL", "testcontainers", "embedded");
        assertThat(db.lookedAt()).isNotEmpty();
    }

    @Test
    void aDataSourceParameterIsThePoolsDataSourceAndItsMetricsGoToTheTestsRegistry(
            @Pool("feed-service") DataSource dataSource, MeterRegistry registry) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        assertThat(registry.find("db_pool_connections").tag("service", "feed-service").gauges()).isNotEmpty();
    }

    @Test
    void envEntriesOverThePresetAsTheDeploymentSetsThem(
            @Pool(value = "checkout-service", env = {"DB_MAX_CONNECTIONS=3", "DB_MIN_CONNECTIONS=0",
                    "DB_ACQUIRE_TIMEOUT_SECS=2"}) DbConfig config,
            DbpoolDatabase db) {
        assertThat(config.serviceName()).isEqualTo("checkout-service");
        assertThat(config.maxConnections()).isEqualTo(3);
        assertThat(config.minConnections()).isZero();
        assertThat(config.acquireTimeout()).hasSeconds(2);
        assertThat(config.parsedDatabaseUrl()).isEqualTo(db.parsed());
    }

    @Test
    void aBadEnvValueIsNamed(DbpoolDatabase db) {
        assertThatThrownBy(() -> db.config("auth-service", "DB_MAX_CONNECTIONS=abc"))
                .hasMessageContaining("DB_MAX_CONNECTIONS").hasMessageContaining("'abc'");
        assertThatThrownBy(() -> db.config("auth-service", "DB_MAX_CONNECTIONS"))
                .hasMessage("@Pool env entries must be NAME=VALUE, got 'DB_MAX_CONNECTIONS'");
    }

    @Test
    void anUnreachableDatabaseSaysWhereItLookedAndWhy() {
        TestPostgres chosen = TestPostgres.choose(Places.ofThisMachine()
                .withEnv(Map.of(TestPostgres.ENV, "postgres://app:s3cret@127.0.0.1:1/app")::get));

        assertThatThrownBy(() -> DbpoolDatabase.connect(chosen))
                .isInstanceOf(PostgresNotFoundException.class)
                .hasMessageContaining("1. env DBPOOL_TEST_DATABASE_URL: set (postgres://app:***@127.0.0.1:1/app)")
                .hasMessageContaining("2. connecting to jdbc:postgresql://127.0.0.1:1/app (user=app, password=***) "
                        + "(from env DBPOOL_TEST_DATABASE_URL): failed: ")
                .hasMessageContaining("Connection to 127.0.0.1:1 refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }

    /** The pools a test got are closed when it is done, and a class-level pool lives as long as the class. */
    @Test
    void poolsAreClosedAfterTheirTest() {
        Fixture.seen.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request().selectors(selectClass(Fixture.class)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();

        assertThat(summary.getTestsSucceededCount()).as(() -> failures(summary)).isEqualTo(2);
        assertThat(Fixture.seen).hasSize(3).allSatisfy(p -> assertThat(p.isClosed()).isTrue());
        assertThat(Fixture.seen.get(0)).isSameAs(Fixture.seen.get(2)).isNotSameAs(Fixture.seen.get(1));
    }

    static String failures(TestExecutionSummary summary) {
        StringBuilder s = new StringBuilder();
        summary.getFailures().forEach(f -> s.append(f.getTestIdentifier().getDisplayName()).append(": ")
                .append(f.getException()).append('\n'));
        return s.toString();
    }

    @DbpoolTest
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class Fixture {
        static final List<DbPool> seen = new ArrayList<>();
        static DbPool classPool;

        @org.junit.jupiter.api.BeforeAll
        static void classLevel(@Pool("cdn-service") DbPool pool) {
            classPool = pool;
        }

        @Test
        @org.junit.jupiter.api.Order(1)
        void first(@Pool("video-service") DbPool pool) {
            seen.add(classPool);
            seen.add(pool);
            assertThat(pool.isClosed()).isFalse();
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void second(@Pool("cdn-service") DbPool pool) {
            assertThat(pool).isSameAs(classPool);
            assertThat(seen.get(1).isClosed()).isTrue();
            assertThat(pool.isClosed()).isFalse();
            seen.add(pool);
        }
    }
}
