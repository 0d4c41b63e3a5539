package dev.dbpool.runtime.virtual;

import dev.dbpool.runtime.testing.ChildJvm;
import dev.dbpool.runtime.testing.Jdk21;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 5,000 virtual threads on a 16-connection pool through a stall and back, every admission policy
 * ({@link VirtualThreadStress}, on a JDK 21+ found by {@link Jdk21}): afterwards the pool's held count
 * is exactly zero, and so is HikariCP's; every request ended as served, shed or timed out, and every
 * request after the stall was served; the process's CPU time stays bounded (a carrier thread that
 * spins instead of parking, as HikariCP before 7.1.0 did, burns the cores for the whole run); JFR
 * reports no {@code jdk.VirtualThreadPinned} event.
 */
class VirtualThreadStressTest {

    private static final int THREADS = 5_000;
    private static final Duration STALL = Duration.ofSeconds(2);
    /**
     * CPU time of the whole run at most this share of its wall time (on any number of cores): a
     * healthy run parks while the database is stalled and spends its CPU on the queries after it; a
     * spinning one keeps every carrier busy throughout (2 cores here: 200%).
     */
    private static final double CPU_SHARE_OF_WALL = 1.0;

    private static final Pattern LINE = Pattern.compile("(?m)^policy=(\\S+) (.*)$");

    @Test
    void fiveThousandVirtualThreadsThroughAStallLeaveNothingHeldNothingSpinningNothingPinned() throws Exception {
        Jdk21.Jdk jdk = Jdk21.require();
        TestDatabase db = TestDatabase.get();
        String output;
        try (ChildJvm stress = ChildJvm.start(jdk, List.of("-Xmx1g"), VirtualThreadStress.class.getName(), List.of(
                db.parsed().jdbcUrl(), db.parsed().user() == null ? "" : db.parsed().user(),
                db.parsed().password() == null ? "" : db.parsed().password(),
                Integer.toString(THREADS), Long.toString(STALL.toMillis())))) {
            int exit = stress.awaitExit(Duration.ofMinutes(5));
            output = stress.output();
            assertThat(exit).as(output).isZero();
        }
        System.out.println("Java " + jdk.feature() + ":\n" + output);
        Matcher m = LINE.matcher(output);
        int policies = 0;
        while (m.find()) {
            policies++;
            String policy = m.group(1);
            Map<String, Long> figures = figures(m.group(2));
            assertThat(figures.get("held")).as(policy + ": held afterwards").isZero();
            assertThat(figures.get("hikari_active")).as(policy + ": HikariCP's active afterwards").isZero();
            assertThat(figures.get("ok") + figures.get("shed") + figures.get("timed_out"))
                    .as(policy + ": every request served, shed or timed out").isEqualTo(THREADS);
            assertThat(figures.get("failed")).as(policy + ": failed otherwise").isZero();
            assertThat(figures.get("recovered")).as(policy + ": served after the stall").isEqualTo(THREADS);
            assertThat(figures.get("pinned")).as(policy + ": jdk.VirtualThreadPinned events").isZero();
            assertThat((double) figures.get("cpu_ms")).as(policy + ": CPU ms against wall ms " + figures.get("wall_ms"))
                    .isLessThan(CPU_SHARE_OF_WALL * figures.get("wall_ms"));
        }
        assertThat(policies).as("policies run").isEqualTo(VirtualThreadStress.policies().size());
    }

    private static Map<String, Long> figures(String line) {
        Map<String, Long> figures = new HashMap<>();
        for (String pair : line.split(" ")) {
            String[] kv = pair.split("=", 2);
            figures.put(kv[0], Long.parseLong(kv[1]));
        }
        return figures;
    }
}
