package dev.dbpool.spring;

import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.InvalidConfigException;

import java.time.Duration;
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

    /** The admission config: {@code DB_POOL_*} variables, then the {@code dbpool.backpressure.*} properties set. */
    public static BackpressureConfig backpressure(DbpoolProperties.Backpressure properties,
                                                  Function<String, String> env) {
        BackpressureConfig fromEnv = BackpressureConfig.fromEnv(env);
        BackpressureConfig.Builder builder = BackpressureConfig.custom()
                .policy(fromEnv.policy()).threshold(fromEnv.threshold())
                .codelTarget(fromEnv.codelTarget()).codelInterval(fromEnv.codelInterval())
                .deadline(fromEnv.deadline());
        if (properties.getPolicy() != null) {
            builder.policy(properties.getPolicy());
        } else if (properties.getThreshold() != null && env.apply(BackpressureConfig.ENV_POLICY) == null) {
            // As with DB_POOL_BACKPRESSURE_THRESHOLD: a threshold and no policy means the threshold rule.
            builder.policy(dev.dbpool.runtime.BackpressurePolicy.THRESHOLD);
        }
        if (properties.getThreshold() != null) {
            double threshold = properties.getThreshold();
            if (!(threshold >= 0.0 && threshold <= 1.0)) {
                throw mustBe("dbpool.backpressure.threshold", "a number from 0.0 to 1.0", properties.getThreshold());
            }
            builder.threshold(threshold);
        }
        Duration target = positive("dbpool.backpressure.codel-target", properties.getCodelTarget());
        Duration interval = positive("dbpool.backpressure.codel-interval", properties.getCodelInterval());
        Duration deadline = positive("dbpool.backpressure.deadline", properties.getDeadline());
        Duration effectiveTarget = target != null ? target : fromEnv.codelTarget();
        Duration effectiveInterval = interval != null ? interval : fromEnv.codelInterval();
        if (effectiveTarget.compareTo(effectiveInterval) >= 0) {
            throw new InvalidConfigException("dbpool.backpressure.codel-target (" + effectiveTarget.toMillis()
                    + "ms) must be shorter than dbpool.backpressure.codel-interval (" + effectiveInterval.toMillis() + "ms)");
        }
        builder.codelTarget(effectiveTarget).codelInterval(effectiveInterval);
        if (deadline != null) {
            builder.deadline(deadline);
        }
        return builder.build();
    }

    private static Duration positive(String property, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw mustBe(property, "a positive duration", value.toMillis() + "ms");
        }
        return value;
    }

    private static InvalidConfigException mustBe(String property, String requirement, Object got) {
        return new InvalidConfigException(property + " must be " + requirement + ", got '" + got + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
