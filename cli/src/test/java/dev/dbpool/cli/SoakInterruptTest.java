package dev.dbpool.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dbpool.runtime.testing.ChildJvm;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ctrl-C (SIGINT) or a SIGTERM during {@code dbpool soak}, sent to a real soak in a JVM of its own on its own
 * embedded PostgreSQL: one line says what happens, the modes that finished are reported, nothing is left.
 */
class SoakInterruptTest {

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"INT, 130", "TERM, 143"})
    void aSignalStopsTheSoakReportingTheFinishedModesAndLeavingNothing(String signal, int expectedExit,
                                                                       @TempDir Path tmp) throws Exception {
        // The child's own temporary directory: the embedded server's data directory lands there, so that
        // what the soak left behind (a directory, a postgres process running from it) is visible.
        // Traversable by all: as root, the embedded server runs as nobody.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path childTmp = Files.createDirectories(tmp.resolve("tmp"));
        Files.setPosixFilePermissions(childTmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The unpacked binaries are a cache the other tests share: linked, not unpacked again (seconds).
        Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "dbpool-embedded-pg");
        if (Files.isDirectory(binaries)) {
            Files.createSymbolicLink(childTmp.resolve(binaries.getFileName()), binaries);
        }
        Path reportDir = tmp.resolve("report");
        try (ChildJvm soak = ChildJvm.start(List.of("-Xmx512m", "-Djava.io.tmpdir=" + childTmp),
                DbpoolCli.class.getName(), List.of("soak", "--service", "auth-service", "--mode", "wait,codel",
                        "--rate", "100", "--duration", "3s", "--warmup", "1s", "--capacity-probe", "0s",
                        "--rows", "1000", "--fault", "none", "--report", reportDir.toString()))) {
            // The second mode starting means the first has finished.
            assertThat(soak.awaitOutput("running codel mode", Duration.ofMinutes(3))).as("%s", soak.output()).isTrue();
            assertThat(postgresRunningFrom(childTmp)).as("the embedded server runs from the child's tmpdir").isNotEmpty();

            new ProcessBuilder("kill", "-" + signal, Long.toString(soak.handle().pid())).inheritIO().start().waitFor();
            int exit = soak.awaitExit(Duration.ofSeconds(60));
            String output = soak.output();

            assertThat(exit).as(output).isEqualTo(expectedExit);
            assertThat(output).as(output)
                    .containsOnlyOnce("dbpool: interrupted; stopping the embedded PostgreSQL and proxies…")
                    .doesNotContain("Exception", "\tat ", "ERROR")
                    .contains("dbpool: report written to");
        }
        JsonNode report = new ObjectMapper().readTree(Files.readString(reportDir.resolve("report.json")));
        assertThat(report.get("interrupted").asBoolean()).isTrue();
        assertThat(report.get("runs")).hasSize(1);
        assertThat(report.get("runs").get(0).get("mode").asText()).isEqualTo("wait");
        assertThat(report.get("runs").get(0).get("offered").asLong()).isPositive();
        assertThat(Files.readString(reportDir.resolve("report.html"))).contains("Interrupted: the soak was stopped");

        assertThat(postgresRunningFrom(childTmp)).as("postgres processes left").isEmpty();
        try (Stream<Path> left = Files.list(childTmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("dbpool-pgdata")))
                    .as("data directories left").isEmpty();
        }
    }

    private static List<String> postgresRunningFrom(Path dir) throws IOException {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(line -> line.contains(dir.toString()) && line.contains("postgres"))
                .toList();
    }
}
