package dev.dbpool.rules.promtool;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code promtool} (Prometheus' own checker), found on the {@code PATH} and run as a process:
 * what {@code dbpool emit} writes is checked by the tool Prometheus loads it with, not by a parser of ours.
 * Used by this module's tests and by {@code dbpool-junit}'s {@code AlertRules}.
 */
public final class Promtool {

    /** Set to {@code 1} (CI does) and a missing promtool is a failure instead of a skipped check. */
    public static final String REQUIRE_ENV = "DBPOOL_REQUIRE_PROMTOOL";
    /** How to get it. */
    public static final String INSTALL_HINT = "apt-get install -y prometheus (Debian/Ubuntu: promtool comes with it), "
            + "or promtool from the Prometheus release tarball at https://prometheus.io/download/ on the PATH";
    private static final long TIMEOUT_MINUTES = 2;

    /** One run: the command line, its exit code and everything it printed (stdout and stderr together). */
    public record Result(List<String> command, int exitCode, String output) {

        public Result {
            command = List.copyOf(command);
        }

        public boolean succeeded() {
            return exitCode == 0;
        }

        /** {@code promtool test rules tests/x.yml exited 1:} and the output, for a failure message. */
        public String describe() {
            return String.join(" ", command) + " exited " + exitCode + ":\n" + output.strip();
        }
    }

    private final Path executable;

    private Promtool(Path executable) {
        this.executable = executable;
    }

    /** The promtool on the {@code PATH}, if there is one. */
    public static Optional<Promtool> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Promtool(candidate));
            }
        }
        return Optional.empty();
    }

    /** Whether the build demands promtool ({@value #REQUIRE_ENV}{@code =1}). */
    public static boolean required() {
        return "1".equals(System.getenv(REQUIRE_ENV));
    }

    public Path executable() {
        return executable;
    }

    /** Runs {@code promtool args...} in {@code workDir} (relative paths in the args and the files resolve there). */
    public Result run(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("promtool did not finish within " + TIMEOUT_MINUTES + " minutes: " + command);
            }
            List<String> shown = new ArrayList<>(command);
            shown.set(0, "promtool");
            return new Result(shown, process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
