package dev.dbpool.spring;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The HikariCP floor for virtual threads. Before 7.1.0, a thread giving a connection back while others
 * wait for one spins in {@code ConcurrentBag.requite()} on {@code Thread.yield()}; a virtual thread
 * that yields stays runnable, so under load every carrier thread spins and the service's CPU
 * saturates (HikariCP issue 2398, fixed in 7.1.0). Spring Boot 4.0.x manages HikariCP 7.0.2 and 3.5.x
 * manages 6.3.x, so a service that turns virtual threads on gets the spin unless it raises
 * {@code hikaricp.version}: the starter says so, once, at start-up.
 */
public final class VirtualThreadsCheck {

    /** The first HikariCP whose borrow and return paths do not spin a virtual thread. */
    public static final String HIKARI_FLOOR = "7.1.0";

    static final String VIRTUAL_THREADS = "spring.threads.virtual.enabled";

    private static final Logger LOG = LoggerFactory.getLogger(VirtualThreadsCheck.class);

    private VirtualThreadsCheck() {
    }

    /** Logs the warning when the service runs on virtual threads and its HikariCP is below the floor. */
    public static void warnIfHikariTooOld(Function<String, String> properties) {
        warning(properties, Runtime.version().feature(), hikariVersion()).ifPresent(LOG::warn);
    }

    /**
     * The warning, if one is due: virtual threads are on as Spring Boot decides it
     * ({@code spring.threads.virtual.enabled=true} on Java 21 or later) and {@code hikari} is older
     * than {@link #HIKARI_FLOOR}. An unknown HikariCP version gives no warning.
     */
    static Optional<String> warning(Function<String, String> properties, int javaFeature, Optional<String> hikari) {
        boolean virtual = javaFeature >= 21 && "true".equalsIgnoreCase(strip(properties.apply(VIRTUAL_THREADS)));
        if (!virtual || hikari.isEmpty() || !olderThanFloor(hikari.get())) {
            return Optional.empty();
        }
        return Optional.of(VIRTUAL_THREADS + "=true with HikariCP " + hikari.get() + ": before " + HIKARI_FLOOR
                + " HikariCP spins carrier threads on Thread.yield() when connections are given back while virtual "
                + "threads wait for them (HikariCP issue 2398), which can saturate the CPU under load; set the Maven "
                + "property hikaricp.version (or the Gradle constraint) to " + HIKARI_FLOOR + " or later.");
    }

    /** Whether {@code version} (major.minor.patch, any suffix ignored) is below {@link #HIKARI_FLOOR}. */
    static boolean olderThanFloor(String version) {
        int[] have = numbers(version);
        int[] floor = numbers(HIKARI_FLOOR);
        for (int i = 0; i < 3; i++) {
            if (have[i] != floor[i]) {
                return have[i] < floor[i];
            }
        }
        return false;
    }

    private static int[] numbers(String version) {
        int[] numbers = new int[3];
        String[] parts = version.split("[.-]");
        for (int i = 0; i < 3 && i < parts.length; i++) {
            String digits = parts[i].replaceAll("\\D.*", "");
            numbers[i] = digits.isEmpty() ? 0 : Integer.parseInt(digits);
        }
        return numbers;
    }

    /** The HikariCP on the classpath, from the Maven metadata its jar carries. */
    static Optional<String> hikariVersion() {
        try (InputStream in = HikariDataSource.class.getResourceAsStream("/META-INF/maven/com.zaxxer/HikariCP/pom.properties")) {
            if (in == null) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            properties.load(in);
            return Optional.ofNullable(properties.getProperty("version"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
