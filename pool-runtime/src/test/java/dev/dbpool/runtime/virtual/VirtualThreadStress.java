package dev.dbpool.runtime.virtual;

import com.zaxxer.hikari.HikariDataSource;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import dev.dbpool.runtime.admission.Admission;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * The virtual-thread stress run, a program of its own so that it runs on a JDK 21+ while the build
 * stays on Java 17 ({@link VirtualThreadStressTest} starts it). For each admission policy: a pool of
 * 16 connections, one virtual thread per request, {@code THREADS} of them started at once while the
 * database is stalled (a held {@code ACCESS EXCLUSIVE} lock), the stall lifted after {@code STALL},
 * then as many requests again on the healthy database from a few threads (every one must be served). It prints one line per policy:
 * {@code policy=P threads=N ok=... shed=... timed_out=... failed=... recovered=... held=H hikari_active=A
 * wall_ms=W cpu_ms=C pinned=K}, where {@code cpu_ms} is the process's CPU time over the run (a carrier
 * thread spinning instead of parking shows there) and {@code pinned} the {@code jdk.VirtualThreadPinned}
 * events JFR recorded.
 *
 * <p>Arguments: JDBC URL, user, password, threads, stall in ms.
 */
public final class VirtualThreadStress {

    static final int MAX_CONNECTIONS = 16;
    static final String TABLE = "vt_stress";
    static final int STEADY_CONCURRENCY = MAX_CONNECTIONS / 2;
    static final int WARM_UP = 2_000;
    static final int WARM_UP_STALL_THREADS = 500;
    static final Duration WARM_UP_STALL = Duration.ofMillis(300);

    /** Every admission of the runtime by name (plain waiting, {@code none}, among them): how each configures the pool. */
    static Map<String, UnaryOperator<DbPool.Builder>> policies() {
        Map<String, UnaryOperator<DbPool.Builder>> policies = new LinkedHashMap<>();
        for (String name : Admission.names()) {
            policies.put(name, builder -> builder.admission(Admission.named(name).orElseThrow()));
        }
        return policies;
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1].isEmpty() ? null : args[1];
        String password = args[2].isEmpty() ? null : args[2];
        int threads = Integer.parseInt(args[3]);
        Duration stall = Duration.ofMillis(Long.parseLong(args[4]));
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id int PRIMARY KEY)");
            s.execute("INSERT INTO " + TABLE + " VALUES (1) ON CONFLICT DO NOTHING");
        }
        for (Map.Entry<String, UnaryOperator<DbPool.Builder>> policy : policies().entrySet()) {
            System.out.println(run(policy.getKey(), policy.getValue(), url, user, password, threads, stall));
        }
    }

    private static String run(String label, UnaryOperator<DbPool.Builder> policy, String url, String user, String password,
                              int threads, Duration stall) throws Exception {
        DbConfig config = DbConfig.forService("auth-service").withDatabaseUrl(url).withCredentials(user, password)
                .withPoolSize(MAX_CONNECTIONS, MAX_CONNECTIONS).withAcquireTimeout(Duration.ofSeconds(10));
        Path jfr = Files.createTempFile("vt-stress-", ".jfr");
        try (DbPool pool = policy.apply(DbPool.builder(config)).build(); Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            // Warmed first, through a short stall of its own: class loading and the JIT of a first run
            // are not what is measured, and a class initialised on first use (the shed path's exception,
            // say) makes the virtual threads that need it meanwhile wait pinned, once per JVM.
            steady(pool, WARM_UP, new Outcomes());
            stall(pool, url, user, password, WARM_UP_STALL_THREADS, WARM_UP_STALL, new Outcomes());
            Outcomes stalled = new Outcomes();
            Outcomes recovered = new Outcomes();
            long cpuBefore = processCpuNanos();
            long start = System.nanoTime();
            recording.start();
            stall(pool, url, user, password, threads, stall, stalled);
            steady(pool, threads, recovered); // and back: the healthy database serves every request again
            recording.stop();
            long wallMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long cpuMillis = TimeUnit.NANOSECONDS.toMillis(processCpuNanos() - cpuBefore);
            recording.dump(jfr);
            List<RecordedEvent> pinned = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(jfr)) {
                if (event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                    pinned.add(event);
                }
            }
            int hikariActive = pool.dataSource().unwrap(HikariDataSource.class).getHikariPoolMXBean().getActiveConnections();
            String line = "policy=" + label + " threads=" + threads + " ok=" + stalled.ok + " shed=" + stalled.shed
                    + " timed_out=" + stalled.timedOut + " failed=" + stalled.failed + " recovered=" + recovered.ok
                    + " held=" + pool.activeConnections() + " hikari_active=" + hikariActive
                    + " wall_ms=" + wallMillis + " cpu_ms=" + cpuMillis + " pinned=" + pinned.size();
            if (!pinned.isEmpty()) {
                line += "\nfirst pinned: " + pinned.get(0);
            }
            if (recovered.failed.get() + recovered.shed.get() + recovered.timedOut.get() > 0 || stalled.failed.get() > 0) {
                line += "\nfirst failure: " + (stalled.firstFailure != null ? stalled.firstFailure : recovered.firstFailure);
            }
            return line;
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    /**
     * {@code threads} virtual threads, one request each, started at once while the database is stalled
     * (a held {@code ACCESS EXCLUSIVE} lock on the table), the stall lifted after {@code stall} while
     * they still wait or retire; returns when every one has ended.
     */
    private static void stall(DbPool pool, String url, String user, String password, int threads, Duration stall,
                              Outcomes outcomes) throws Exception {
        try (Connection lock = DriverManager.getConnection(url, user, password)) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE " + TABLE + " IN ACCESS EXCLUSIVE MODE");
            }
            ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();
            for (int i = 0; i < threads; i++) {
                virtualThreads.execute(() -> request(pool, outcomes));
            }
            Thread.sleep(stall.toMillis());
            lock.rollback();
            awaitAll(virtualThreads);
        }
    }

    /**
     * {@code requests} requests from {@link #STEADY_CONCURRENCY} virtual threads in a loop: at most half the
     * pool in use, which every policy admits, so all of them must be served.
     */
    private static void steady(DbPool pool, int requests, Outcomes outcomes) throws ReflectiveOperationException,
            InterruptedException {
        AtomicLong left = new AtomicLong(requests);
        ExecutorService virtualThreads = newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < STEADY_CONCURRENCY; i++) {
            virtualThreads.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    request(pool, outcomes);
                }
            });
        }
        awaitAll(virtualThreads);
    }

    /** One request: a connection through the pool's DataSource (its admission policy), one query, given back. */
    private static void request(DbPool pool, Outcomes outcomes) {
        try (Connection c = pool.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT count(*) FROM " + TABLE).close();
            outcomes.ok.incrementAndGet();
        } catch (PoolExhaustedException e) {
            outcomes.shed.incrementAndGet();
        } catch (SQLTransientConnectionException e) {
            outcomes.timedOut.incrementAndGet();
        } catch (Exception e) {
            outcomes.failed.incrementAndGet();
            outcomes.firstFailure = e.toString();
        }
    }

    private static final class Outcomes {
        final AtomicLong ok = new AtomicLong();
        final AtomicLong shed = new AtomicLong();
        final AtomicLong timedOut = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        volatile String firstFailure;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, called reflectively: this code compiles for Java 17. */
    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static void awaitAll(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("requests still running after 2 minutes");
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
