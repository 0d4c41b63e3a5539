package dev.dbpool.rules;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code promtool}, run as a process. Tests that need it are skipped (with a message in
 * the report) when it is not on the PATH, unless {@code DBPOOL_REQUIRE_PROMTOOL=1}, which CI sets
 * after installing the Debian package so that it never skips.
 */
final class Promtool {

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static void assumeInstalled() {
        boolean installed = executable().isPresent();
        if (!installed && "1".equals(System.getenv("DBPOOL_REQUIRE_PROMTOOL"))) {
            throw new AssertionError("DBPOOL_REQUIRE_PROMTOOL=1 but promtool is not on the PATH "
                    + "(apt-get install -y prometheus)");
        }
        Assumptions.assumeTrue(installed,
                "promtool not on the PATH: promtool checks SKIPPED (apt-get install -y prometheus; .ci/run does)");
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().orElseThrow().toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }

    private static java.util.Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return java.util.Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
