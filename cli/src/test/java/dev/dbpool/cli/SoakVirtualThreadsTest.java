package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.runtime.testing.ChildJvm;
import dev.dbpool.runtime.testing.Jdk21;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.dbpool.cli.CliTesting.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code dbpool soak --threads virtual}: a virtual thread per request, the service model of Spring Boot on virtual threads. */
class SoakVirtualThreadsTest {

    @Test
    void onJava17VirtualThreadsExitTwoSayingWhy() {
        assumeTrue(Runtime.version().feature() < 21, "this JVM has virtual threads");
        assertUsageError(CliTesting.run("soak", "--service", "auth-service", "--threads", "virtual"),
                "--threads virtual needs Java 21 or later (a virtual thread per request), and this is Java 17: "
                        + "run it on a JDK 21+ (JAVA_HOME), or give threads a number of platform threads");
    }

    @Test
    void threadsIsANumberOrVirtual() {
        assertUsageError(CliTesting.run("soak", "--service", "auth-service", "--threads", "0"),
                "must be a positive integer or virtual, got '0'");
        assertUsageError(CliTesting.run("soak", "--service", "auth-service", "--threads", "many"),
                "must be a positive integer or virtual, got 'many'");
    }

    /** A short soak through the command line on a JDK 21+, in a JVM of its own, with a stall: every mode answers. */
    @Test
    void aSoakOnVirtualThreadsRunsEveryModeThroughAStall(@TempDir Path dir) throws Exception {
        Jdk21.Jdk jdk = Jdk21.require();
        try (ChildJvm soak = ChildJvm.start(jdk, List.of("-Xmx768m"), DbpoolCli.class.getName(), List.of("soak",
                "--service", "auth-service", "--database-url", TestDatabase.get().databaseUrl(),
                "--threads", "virtual", "--mode", "wait,threshold,codel", "--duration", "8s", "--warmup", "1s",
                "--rate", "300", "--rows", "1000", "--acquire-timeout", "2s", "--fault", "slowdown@3s+2s",
                "--format", "json", "--report", dir.toString()))) {
            int exit = soak.awaitExit(Duration.ofMinutes(4));
            // INVALID_RUN: the generator itself fell behind on a busy machine; the report is written all the same.
            assertThat(exit).as(soak.output()).isIn(ExitCodes.OK, ExitCodes.INVALID_RUN);
        }
        JsonNode report = new ObjectMapper().readTree(Files.readString(dir.resolve("report.json")));
        assertThat(report.get("scenario").get("threads").asText()).isEqualTo("virtual");
        assertThat(report.get("runs")).hasSize(3).allSatisfy(run -> {
            assertThat(run.get("succeeded").asLong()).isPositive();
            assertThat(run.get("offered").asLong()).isPositive();
        });
    }
}
