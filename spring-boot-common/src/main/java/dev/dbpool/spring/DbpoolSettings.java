package dev.dbpool.spring;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.config.Parameters;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the service's properties and environment into the runtime's configs: the one place that
 * knows which Spring property wins over which variable.
 *
 * <ul>
 *   <li>service: {@code dbpool.service}, else {@code spring.application.name};</li>
 *   <li>URL: {@code spring.datasource.url} when set (then {@code DATABASE_URL} is not read), else
 *       {@code DATABASE_URL}, else the runtime's default; user and password:
 *       {@code spring.datasource.username/password} when set, else the URL's;</li>
 *   <li>sizes and timeouts: the service's preset, then {@code DB_*} ({@code DbConfig.fromEnv});</li>
 *   <li>admission: {@code DB_POOL_*} ({@code BackpressureConfig.fromEnv}), then each
 *       {@code dbpool.backpressure.*} property that is set.</li>
 * </ul>
 * Every bad value is an {@link InvalidConfigException} naming the property or variable and the value,
 * never the password.
 */
public final class DbpoolSettings {

    static final String SPRING_APPLICATION_NAME = "spring.application.name";
    static final String SPRING_DATASOURCE_URL = "spring.datasource.url";
    static final String SPRING_DATASOURCE_USERNAME = "spring.datasource.username";
    static final String SPRING_DATASOURCE_PASSWORD = "spring.datasource.password";
    static final String DATABASE_URL = "DATABASE_URL";

    private DbpoolSettings() {
    }

    /** The service's name: {@code dbpool.service}, else {@code spring.application.name}. */
    public static String serviceName(DbpoolProperties properties, Function<String, String> env) {
        String service = blankToNull(properties.getService());
        if (service == null) {
            service = blankToNull(env.apply(SPRING_APPLICATION_NAME));
        }
        if (service == null) {
            throw new InvalidConfigException("dbpool needs the service's name: set spring.application.name "
                    + "(or dbpool.service), for example spring.application.name=auth-service");
        }
        return service.strip();
    }

    /** The pool's config; {@code env} reads properties and environment variables (Spring's {@code Environment}). */
    public static DbConfig dbConfig(DbpoolProperties properties, Function<String, String> env) {
        String service = serviceName(properties, env);
        String springUrl = blankToNull(env.apply(SPRING_DATASOURCE_URL));
        // With spring.datasource.url set, DATABASE_URL is not read at all (not even validated).
        Function<String, String> variables = springUrl == null ? env
                : name -> DATABASE_URL.equals(name) ? null : env.apply(name);
        DbConfig config = DbConfig.fromEnv(service, variables);
        if (springUrl != null) {
            DatabaseUrl.parse(SPRING_DATASOURCE_URL, springUrl); // names the property in the error
            config = config.withDatabaseUrl(springUrl.strip());
        }
        String user = env.apply(SPRING_DATASOURCE_USERNAME);
        String password = env.apply(SPRING_DATASOURCE_PASSWORD);
        if (blankToNull(user) != null || password != null) {
            config = config.withCredentials(blankToNull(user), password);
        }
        return config;
    }

    /** The {@code dbpool.backpressure.*} property of each admission variable. */
    private static final Map<String, String> PROPERTY_OF = Map.of(
            BackpressureConfig.ENV_POLICY, "dbpool.backpressure.policy",
            BackpressureConfig.ENV_THRESHOLD, "dbpool.backpressure.threshold",
            BackpressureConfig.ENV_CODEL_TARGET, "dbpool.backpressure.codel-target",
            BackpressureConfig.ENV_CODEL_INTERVAL, "dbpool.backpressure.codel-interval");

    /**
     * The admission settings: each {@code dbpool.backpressure.*} property that is set, else its
     * {@code DB_POOL_*} variable, read and checked by the runtime's own settings (so that the starter
     * and {@code BackpressureConfig.fromEnv} accept and refuse the same values); an error names the
     * property when the value came from one.
     */
    public static AdmissionSettings admission(DbpoolProperties.Backpressure properties, Function<String, String> env) {
        Map<String, String> set = new HashMap<>();
        putIfSet(set, BackpressureConfig.ENV_POLICY, properties.getPolicy());
        putIfSet(set, BackpressureConfig.ENV_THRESHOLD, properties.getThreshold());
        putIfSet(set, BackpressureConfig.ENV_CODEL_TARGET, millis(properties.getCodelTarget()));
        putIfSet(set, BackpressureConfig.ENV_CODEL_INTERVAL, millis(properties.getCodelInterval()));
        return Admission.from(Parameters.of(key -> set.containsKey(key) ? set.get(key) : env.apply(key),
                // A value from a variable is called by the variable's name; any other (a property, or
                // the default nobody set) by the property's, the knob a Boot service turns.
                key -> set.containsKey(key) || env.apply(key) == null ? PROPERTY_OF.getOrDefault(key, key) : key));
    }

    private static void putIfSet(Map<String, String> values, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            values.put(key, value.toString());
        }
    }

    private static String millis(Duration value) {
        return value == null ? null : Long.toString(value.toMillis());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
