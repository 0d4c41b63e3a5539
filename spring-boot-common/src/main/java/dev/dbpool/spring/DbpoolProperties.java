package dev.dbpool.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The {@code dbpool.*} properties. Pool sizes and timeouts are the service's preset with the
 * {@code DB_*} environment variables applied, as {@code DbConfig.fromEnv} does; the URL and credentials
 * are {@code spring.datasource.url/username/password} when set, else {@code DATABASE_URL}.
 */
@ConfigurationProperties(prefix = "dbpool")
public class DbpoolProperties {

    /** Whether the dbpool pool is the service's DataSource. */
    private boolean enabled = true;

    /**
     * The service's name, which picks the preset (pool sizes), names the pool and labels its metrics.
     * Defaults to spring.application.name.
     */
    private String service;

    /**
     * The pool's name (the "pool" label of the metrics and HikariCP's pool name). Defaults to the
     * service's name.
     */
    private String poolName;

    private final Backpressure backpressure = new Backpressure();

    private final Web web = new Web();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getService() {
        return service;
    }

    public void setService(String service) {
        this.service = service;
    }

    public String getPoolName() {
        return poolName;
    }

    public void setPoolName(String poolName) {
        this.poolName = poolName;
    }

    public Backpressure getBackpressure() {
        return backpressure;
    }

    public Web getWeb() {
        return web;
    }

    /**
     * Admission control on every getConnection(). Unset values come from the DB_POOL_* environment
     * variables ({@code BackpressureConfig.fromEnv()}), else the runtime's defaults.
     */
    public static class Backpressure {

        /** Whether getConnection() sheds (PoolExhaustedException, HTTP 503) instead of waiting the acquire timeout. */
        private boolean enabled = true;

        /** The admission policy: codel, threshold or none. Default codel (DB_POOL_BACKPRESSURE_POLICY). */
        private String policy;

        /** threshold policy: refuse when active / max is above this, 0.0-1.0. Default 0.85 (DB_POOL_BACKPRESSURE_THRESHOLD). */
        private Double threshold;

        /** codel policy: a wait under this means no queue is standing. Default 5ms (DB_POOL_CODEL_TARGET_MS). */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration codelTarget;

        /** codel policy: how long a queue must stand before shedding, and the longest wait while healthy. Default 100ms (DB_POOL_CODEL_INTERVAL_MS). */
        @DurationUnit(ChronoUnit.MILLIS)
        private Duration codelInterval;


        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getPolicy() {
            return policy;
        }

        public void setPolicy(String policy) {
            this.policy = policy;
        }

        public Double getThreshold() {
            return threshold;
        }

        public void setThreshold(Double threshold) {
            this.threshold = threshold;
        }

        public Duration getCodelTarget() {
            return codelTarget;
        }

        public void setCodelTarget(Duration codelTarget) {
            this.codelTarget = codelTarget;
        }

        public Duration getCodelInterval() {
            return codelInterval;
        }

        public void setCodelInterval(Duration codelInterval) {
            this.codelInterval = codelInterval;
        }
    }

    /** The web layer. */
    public static class Web {

        private final ProblemDetails problemDetails = new ProblemDetails();

        public ProblemDetails getProblemDetails() {
            return problemDetails;
        }
    }

    /** Shed requests as HTTP 503. */
    public static class ProblemDetails {

        /**
         * Whether a PoolExhaustedException anywhere in a request's cause chain becomes HTTP 503 with
         * Retry-After and an application/problem+json body.
         */
        private boolean enabled = true;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }
    }
}
