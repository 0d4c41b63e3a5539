package dev.dbpool.bench;

import dev.dbpool.runtime.testing.ChildJvm;
import dev.dbpool.runtime.testing.Jdk21;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The virtual-thread benchmark's harness: every call of the crowd ends, and nothing stays held. */
class VirtualThreadBenchmarkTest {

    private static final Pattern ROW = Pattern.compile(
            "(?m)^row=(\\S+) acquired=(\\d+) rejected=(\\d+) held=(\\d+) cpu_ns=(\\d+)$");

    @Test
    void everyRowServesAThousandVirtualThreadsAndLeavesNothingHeld() throws Exception {
        Jdk21.Jdk jdk = Jdk21.require();
        String output;
        try (ChildJvm crowd = ChildJvm.start(jdk, List.of(), VirtualThreadCrowd.class.getName(), List.of())) {
            int exit = crowd.awaitExit(Duration.ofMinutes(2));
            output = crowd.output();
            assertThat(exit).as(output).isZero();
        }
        Matcher m = ROW.matcher(output);
        int rows = 0;
        while (m.find()) {
            rows++;
            String row = m.group(1);
            long acquired = Long.parseLong(m.group(2));
            long rejected = Long.parseLong(m.group(3));
            assertThat(acquired + rejected).as(row + ": every call acquired or rejected").isEqualTo(VirtualThreadBenchmark.CALLS);
            assertThat(acquired).as(row + ": acquired").isPositive();
            assertThat(Long.parseLong(m.group(4))).as(row + ": held afterwards").isZero();
            assertThat(Long.parseLong(m.group(5))).as(row + ": CPU time measured").isPositive();
            if (row.startsWith("hikari")) {
                assertThat(rejected).as(row + ": HikariCP has no admission").isZero();
            }
        }
        assertThat(rows).as(output).isEqualTo(5);
    }

    @Test
    void onJavaBefore21ItSaysHowToRunIt() {
        assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads");
        assertThatThrownBy(VirtualThreads::factory).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("bench/virtual-threads.sh");
    }
}
