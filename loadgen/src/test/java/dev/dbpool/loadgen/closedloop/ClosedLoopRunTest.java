package dev.dbpool.loadgen.closedloop;

import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.model.Workload;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Short closed-loop runs against a real PostgreSQL: they run transactions, fail none, and count them right. */
class ClosedLoopRunTest {

    /** pgbench's tables at scale 1, as {@code pgbench -i -s 1} makes them, in a schema of the test's own. */
    private static final String SCHEMA = "dbpool_pgbench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    @BeforeAll
    static void createPgbenchTables() throws SQLException {
        TestDatabase db = TestDatabase.get();
        db.execute("CREATE SCHEMA " + SCHEMA);
        db.execute("CREATE TABLE " + SCHEMA + ".pgbench_branches (bid int NOT NULL PRIMARY KEY, bbalance int, filler char(88))");
        db.execute("CREATE TABLE " + SCHEMA + ".pgbench_accounts (aid int NOT NULL PRIMARY KEY, bid int, abalance int, filler char(84))");
        db.execute("INSERT INTO " + SCHEMA + ".pgbench_branches (bid, bbalance) VALUES (1, 0)");
        db.execute("INSERT INTO " + SCHEMA + ".pgbench_accounts (aid, bid, abalance) "
                + "SELECT g, 1, 0 FROM generate_series(1, " + PgbenchSelectOnly.ACCOUNTS_PER_SCALE + ") g");
    }

    @AfterAll
    static void dropPgbenchTables() throws SQLException {
        TestDatabase.get().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    /** The test database, with pgbench's tables first on the search path (as pgbench -i puts them in public). */
    static String pgbenchUrl() {
        String url = TestDatabase.get().databaseUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
    }

    @Test
    void pgbenchSelectOnlyRunsTransactionsAndFailsNone() throws Exception {
        PgbenchSelectOnly workload;
        try (Connection c = connect(pgbenchUrl())) {
            workload = PgbenchSelectOnly.read(c, 1);
        }

        ClosedLoopRun.Result result = ClosedLoopRun.run(ClosedLoopRun.poolConfig(pgbenchUrl(), 2),
                new SimpleMeterRegistry(), workload, Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(workload.scale()).isEqualTo(1);
        assertThat(result.errors()).isEmpty();
        assertThat(result.transactions()).isPositive();
        assertThat(result.latency().count()).isEqualTo(result.transactions());
        assertThat(result.transactionsPerSecond()).isEqualTo(result.transactions() / 1.0);
        assertThat(result.connections()).isEqualTo(2);
    }

    @Test
    void theSoakTransactionRunsClosedLoopToo() throws Exception {
        try (SoakDatabase database = SoakDatabase.external(TestDatabase.get().databaseUrl(), null)) {
            Workload workload = Workload.ofDefaults().withRows(1_000).withHold(Duration.ZERO);
            database.setUp(workload);

            ClosedLoopRun.Result result = ClosedLoopRun.run(ClosedLoopRun.poolConfig(database.databaseUrl(), 2),
                    new SimpleMeterRegistry(), ClosedLoopWorkload.soak(database.schema(), workload, 1, 2),
                    Duration.ZERO, Duration.ofSeconds(1));

            assertThat(result.errors()).isEmpty();
            assertThat(result.transactions()).isPositive();
        }
    }

    @Test
    void failedTransactionsAreCountedBySqlStateClass() throws Exception {
        ClosedLoopWorkload failing = workload("a missing table", "SELECT * FROM no_such_table", c -> {
            try (var s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table_" + SCHEMA);
            }
        });

        ClosedLoopRun.Result result = ClosedLoopRun.run(ClosedLoopRun.poolConfig(TestDatabase.get().databaseUrl(), 1),
                new SimpleMeterRegistry(), failing, Duration.ZERO, Duration.ofMillis(300));

        assertThat(result.transactions()).isZero();
        assertThat(result.errors()).containsOnlyKeys("42");
        assertThat(result.firstError()).contains("no_such_table_");
    }

    @Test
    void thePoolReadsWithoutSocketTimeoutOverBlockingSockets() {
        var config = ClosedLoopRun.poolConfig(TestDatabase.get().databaseUrl(), 2);
        var withQuery = ClosedLoopRun.poolConfig("postgres://u@127.0.0.1:5432/db?sslmode=disable", 1);

        assertThat(config.socketTimeout()).isEqualTo(Duration.ZERO);
        assertThat(config.parsedDatabaseUrl().jdbcUrl())
                .endsWith("socketFactory=" + BlockingSocketFactory.class.getName());
        assertThat(withQuery.parsedDatabaseUrl().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/db?"
                + "sslmode=disable&socketFactory=" + BlockingSocketFactory.class.getName());
        assertThat(withQuery.parsedDatabaseUrl().user()).isEqualTo("u");
    }

    @Test
    void aClientStuckInATransactionAfterTheEndIsAbortedAndCountedAsAnError() throws Exception {
        long lock = ThreadLocalRandom.current().nextLong();
        ClosedLoopWorkload waitsForTheLock = workload("waits for an advisory lock the test holds",
                "SELECT pg_advisory_lock(?)", c -> {
                    try (var s = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                        s.setLong(1, lock);
                        s.execute();
                    }
                });
        try (Connection holder = TestDatabase.get().adminConnection()) {
            try (var s = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, lock);
                s.execute();
            }

            // No socket timeout: only the run's own grace period ends the wait.
            ClosedLoopRun.Result result = ClosedLoopRun.run(
                    ClosedLoopRun.poolConfig(TestDatabase.get().databaseUrl(), 1), new SimpleMeterRegistry(),
                    waitsForTheLock, Duration.ZERO, Duration.ofMillis(200), Duration.ofMillis(300));

            assertThat(result.transactions()).isZero();
            assertThat(result.errorCount()).isEqualTo(1);
            assertThat(result.firstError()).isNotNull();
        }
    }

    @Test
    void readingPgbenchTablesWhereThereAreNoneSaysToRunPgbenchInit() throws Exception {
        try (Connection c = connect(TestDatabase.get().databaseUrl())) {
            assertThatThrownBy(() -> PgbenchSelectOnly.read(c, 1))
                    .isInstanceOf(InvalidConfigException.class)
                    .hasMessageContaining("no pgbench tables")
                    .hasMessageContaining("pgbench -i -s SCALE");
        }
    }

    @Test
    void aScaleBelowOneIsRefused() {
        assertThatThrownBy(() -> new PgbenchSelectOnly(0, 1)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("pgbench scale must be from 1");
    }

    static Connection connect(String url) throws SQLException {
        var parsed = dev.dbpool.runtime.DatabaseUrl.parse(url);
        java.util.Properties props = new java.util.Properties();
        if (parsed.user() != null) {
            props.setProperty("user", parsed.user());
        }
        if (parsed.password() != null) {
            props.setProperty("password", parsed.password());
        }
        return DriverManager.getConnection(parsed.jdbcUrl(), props);
    }

    /** A workload of one statement whose every client runs {@code client}. */
    private static ClosedLoopWorkload workload(String description, String sql, ClosedLoopWorkload.Client client) {
        return new ClosedLoopWorkload() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public java.util.List<String> sql() {
                return java.util.List.of(sql);
            }

            @Override
            public Client client(int index) {
                return client;
            }
        };
    }
}
