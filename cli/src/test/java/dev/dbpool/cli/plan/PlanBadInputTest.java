package dev.dbpool.cli.plan;

import dev.dbpool.cli.DbpoolCli;
import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad input: exit 2, {@code FILE:LINE:COLUMN: message} where a position exists, no stack trace. */
class PlanBadInputTest {

    @TempDir
    Path dir;

    @Test
    void aSyntaxErrorIsReportedAtItsPosition() throws IOException {
        Path file = write("services.yaml", """
                database:
                  max_connections: 100
                services:
                  auth-service: {replicas: 3
                  user-service: {}
                """);

        assertRejected(file, file + ":5:15: invalid YAML: ");
    }

    @Test
    void anUnknownKeySuggestsTheClosestValidKey() throws IOException {
        Path file = write("services.yaml", """
                database:
                  max_connections: 100
                services:
                  auth-service:
                    replics: 3
                """);

        DbpoolCli.Result result = assertRejected(file,
                file + ":5:5: unknown key 'replics' in service 'auth-service'; did you mean 'replicas'?");
        // The offending line is quoted under the message, with a caret at the column.
        assertThat(result.err()).contains(" 5 |     replics: 3", "   |     ^");
    }

    @Test
    void anUnknownDatabaseKeySuggestsToo() throws IOException {
        Path file = write("services.yaml", """
                database:
                  max_conections: 100
                services:
                  auth-service:
                """);

        assertRejected(file, file + ":2:3: unknown key 'max_conections' in 'database'; did you mean 'max_connections'?");
    }

    @Test
    void aWrongTypeNamesTheFieldAndTheValue() throws IOException {
        Path file = write("services.yaml", """
                database:
                  max_connections: lots
                services:
                  auth-service:
                """);

        assertRejected(file, file + ":2:20: database.max_connections must be a positive whole number, got the string 'lots'");
    }

    @Test
    void zeroReplicasAreRefused() throws IOException {
        Path file = write("services.yaml", service("replicas: 0"));

        assertRejected(file, file + ":4:15: auth-service.replicas must be a positive whole number, got 0");
    }

    @Test
    void aNegativeSizeIsRefused() throws IOException {
        Path file = write("services.yaml", service("max_connections: -4"));

        assertRejected(file, file + ":4:22: auth-service.max_connections must be a positive whole number, got -4");
    }

    @Test
    void aZeroSizeIsRefused() throws IOException {
        Path file = write("services.yaml", service("max_connections: 0"));

        assertRejected(file, file + ":4:22: auth-service.max_connections must be a positive whole number, got 0");
    }

    @Test
    void minAboveMaxIsRefused() throws IOException {
        Path file = write("services.yaml", """
                database: {max_connections: 100}
                services:
                  auth-service:
                    max_connections: 4
                    min_connections: 8
                """);

        assertRejected(file, file + ":5:22: auth-service.min_connections (8) is greater than max_connections (4)");
    }

    @Test
    void duplicateServiceNamesAreRefused() throws IOException {
        Path file = write("services.yaml", """
                database: {max_connections: 100}
                services:
                  auth-service:
                    replicas: 2
                  auth-service:
                    replicas: 3
                """);

        assertRejected(file, file + ":5:3: duplicate service 'auth-service' in 'services' (first at line 3)");
    }

    @Test
    void aNameThatIsNeitherAPresetNorSizedIsRefused() throws IOException {
        Path file = write("services.yaml", """
                database: {max_connections: 100}
                services:
                  billing-service:
                    replicas: 2
                """);

        assertRejected(file, file + ":3:3: 'billing-service' is not a preset and has no max_connections; give it "
                + "max_connections (and min_connections), or use a preset name (dbpool plan --presets lists them)");
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = write("services.yaml", "");

        assertRejected(file, file + ": the file is empty: expected 'database' and 'services'");
    }

    @Test
    void aMissingFileIsRefused() {
        Path file = dir.resolve("nope.yaml");

        assertRejected(file, file + ": no such file");
    }

    @Test
    void aDirectoryWithoutManifestsIsRefused() {
        assertRejected(dir, dir + ": is a directory with no .yaml, .yml or .json files");
    }

    @Test
    void aBinaryFileIsRefused() throws IOException {
        Path file = dir.resolve("logo.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});

        assertRejected(file, file + ":1:1: not a YAML text file: byte 0x89 is not UTF-8");
    }

    @Test
    void aTextFileThatIsNotAServicesFileIsRefused() throws IOException {
        Path file = write("NOTES.md", "# Notes\n\nThe pools are too big.\n");

        assertRejected(file, file + ":3:1: not a services file: expected a mapping with 'database' and 'services'");
    }

    @Test
    void aServicesFileWithoutMaxConnectionsNeedsTheServer() throws IOException {
        Path file = write("services.yaml", "services:\n  auth-service:\n");

        assertRejected(file, file + ": database.max_connections is missing: set it, give --max-connections, or read the server's with --database-url");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path file = write("services.yaml", service("replicas: 0"));

        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", file.toString(), "--verbose");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("PlanException", "\tat ");
    }

    @Test
    void neitherFileNorPresetsIsUsage() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("dbpool: give a services file (FILE) or --presets");
    }

    @Test
    void bothFileAndPresetsIsUsage() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "services.yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("dbpool: give either FILE or --presets, not both");
    }

    @Test
    void aThresholdOutsideZeroToOneIsUsage() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--threshold", "1.5");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--threshold must be above 0 and at most 1, got 1.5");
    }

    @Test
    void anUnknownFormatIsUsage() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", "--presets", "--format", "yaml");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--format");
    }

    /** Runs {@code dbpool plan FILE}: exit 2, nothing on stdout, the message first on stderr, no stack trace. */
    private static DbpoolCli.Result assertRejected(Path file, String expectedStart) {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(expectedStart);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return result;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String service(String setting) {
        return "database: {max_connections: 100}\nservices:\n  auth-service:\n    " + setting + "\n";
    }
}
