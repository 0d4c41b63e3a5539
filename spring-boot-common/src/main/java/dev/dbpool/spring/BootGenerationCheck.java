package dev.dbpool.spring;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Fails start-up with one sentence when a starter meets the other Spring Boot generation: a service
 * on Boot 3.5 with {@code dbpool-spring-boot-starter} (Boot 4), or on Boot 4 with
 * {@code dbpool-spring-boot3-starter}. Without it the auto-configuration of the wrong generation would
 * fail later, on a class that is not there, with a stack of exceptions that names neither version.
 * It runs first, as soon as the environment is ready and before any auto-configuration is read, and
 * its failure is reported by {@link WrongStarterFailureAnalyzer}.
 *
 * <p>Each starter registers its own subclass, which says which generation it is built for.
 */
public abstract class BootGenerationCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** The starter for Spring Boot 4. */
    public static final String BOOT4_STARTER = "dev.dbpool:dbpool-spring-boot-starter";
    /** The starter for Spring Boot 3.5. */
    public static final String BOOT3_STARTER = "dev.dbpool:dbpool-spring-boot3-starter";

    /** A class that Spring Boot 4 has and 3.x has not (the interface moved there in 4.0). */
    private static final String BOOT4_MARKER = "org.springframework.boot.EnvironmentPostProcessor";

    private final int builtFor;

    /** @param builtFor the major version of Spring Boot the starter is built for, 3 or 4 */
    protected BootGenerationCheck(int builtFor) {
        this.builtFor = builtFor;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(runningVersion(getClass().getClassLoader()));
    }

    /** Throws {@link WrongStarterException} when {@code running} (a Spring Boot version) is not this starter's generation. */
    void check(String running) {
        if (major(running) != builtFor) {
            throw new WrongStarterException(mismatch(builtFor, running));
        }
    }

    /** The one sentence: which starter, built for which Boot, meets which Boot, and what to use instead. */
    static String mismatch(int builtFor, String running) {
        String starter = builtFor == 4 ? BOOT4_STARTER : BOOT3_STARTER;
        String builtForName = builtFor == 4 ? "Spring Boot 4.0 and 4.1" : "Spring Boot 3.5";
        String instead = major(running) == 4 ? BOOT4_STARTER : BOOT3_STARTER;
        return starter + " is built for " + builtForName + ", but this service runs Spring Boot " + running
                + ": depend on " + instead + " instead.";
    }

    /** The running Spring Boot's version; when its jar does not say (a repackaged jar may not), its generation from its classes. */
    static String runningVersion(ClassLoader classLoader) {
        String version = SpringBootVersion.getVersion();
        if (version != null && !version.isBlank()) {
            return version;
        }
        try {
            Class.forName(BOOT4_MARKER, false, classLoader);
            return "4.x";
        } catch (ClassNotFoundException e) {
            return "3.x";
        }
    }

    static int major(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
