package dev.dbpool.runtime.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDK that tests needing Java 21 or later (virtual threads) run on, while the build itself stays
 * on Java 17: {@code DBPOOL_JDK21_HOME} when set, else the newest JDK under {@code /usr/lib/jvm} whose
 * version is 21 or later, else the running JVM when it is one. When there is none, such a test is
 * skipped with a message that says how to enable it, or fails when {@code DBPOOL_REQUIRE_JDK21=1}
 * (CI sets it, so that CI cannot pass without having run them).
 */
public final class Jdk21 {

    public static final String HOME_VARIABLE = "DBPOOL_JDK21_HOME";
    public static final String REQUIRE_VARIABLE = "DBPOOL_REQUIRE_JDK21";
    static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(\\d+)");

    private Jdk21() {
    }

    /** A JDK's home and its feature version (21, 25, ...). */
    public record Jdk(Path home, int feature) {
        public Path java() {
            return home.resolve("bin").resolve("java");
        }
    }

    /** The JDK 21+ to run on; skips the calling test (or fails it under {@code DBPOOL_REQUIRE_JDK21=1}) when there is none. */
    public static Jdk require() {
        Optional<Jdk> found = find(System::getenv, SYSTEM_JVMS, Path.of(System.getProperty("java.home")));
        if (found.isPresent()) {
            return found.get();
        }
        String message = "needs a JDK 21 or later (virtual threads) and found none: set " + HOME_VARIABLE
                + " to a JDK 21+ home, or install one under " + SYSTEM_JVMS
                + " (for example the Debian package openjdk-21-jdk-headless)";
        if ("1".equals(System.getenv(REQUIRE_VARIABLE))) {
            Assertions.fail(message + " (" + REQUIRE_VARIABLE + "=1 makes this a failure)");
        }
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    /**
     * {@code HOME_VARIABLE} when set (and then it must be a JDK 21+: a wrong value is an error naming it),
     * else the newest JDK 21+ in {@code jvms}, else {@code running} when it is one.
     */
    static Optional<Jdk> find(Function<String, String> env, Path jvms, Path running) {
        String home = env.apply(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            Path path = Path.of(home.strip());
            int feature = feature(path).orElseThrow(() -> new IllegalStateException(
                    HOME_VARIABLE + " must be the home of a JDK (with a release file and bin/java), got '" + home + "'"));
            if (feature < 21) {
                throw new IllegalStateException(HOME_VARIABLE + " must be a JDK 21 or later, got '" + home
                        + "' (Java " + feature + ")");
            }
            return Optional.of(new Jdk(path, feature));
        }
        Optional<Jdk> system = installed(jvms).stream().filter(jdk -> jdk.feature() >= 21)
                .max(Comparator.comparingInt(Jdk::feature));
        if (system.isPresent()) {
            return system;
        }
        return feature(running).filter(f -> f >= 21).map(f -> new Jdk(running, f));
    }

    private static List<Jdk> installed(Path jvms) {
        if (!Files.isDirectory(jvms)) {
            return List.of();
        }
        try (Stream<Path> homes = Files.list(jvms)) {
            return homes.flatMap(home -> feature(home).map(f -> new Jdk(home, f)).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature version in a JDK's {@code release} file, if {@code home} is a JDK with a java launcher. */
    static Optional<Integer> feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin").resolve("java"))) {
            return Optional.empty();
        }
        try {
            Matcher m = JAVA_VERSION.matcher(Files.readString(release));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
