package dev.dbpool.runtime.metrics;

import java.util.List;

/**
 * The one place that names the metrics the runtime exports, as Prometheus scrapes them.
 *
 * <p>The runtime registers its meters from these names, {@code rules-templates} writes alerts and
 * dashboards from them, and the tests check the scrape against them: renaming one here renames it
 * everywhere.
 */
public final class MetricNames {

    // Every series also carries LABEL_POOL (the pool's name, by default the service's).

    /** Gauge, labels {@code service}, {@code state} = active | idle | max. */
    public static final String CONNECTIONS = "db_pool_connections";
    /** Gauge, label {@code service}: threads waiting for a connection. */
    public static final String CONNECTIONS_PENDING = "db_pool_connections_pending";
    /** Histogram ({@code _bucket}, {@code _sum}, {@code _count}), label {@code service}. */
    public static final String ACQUIRE_DURATION = "db_pool_acquire_duration_seconds";
    /** Counter, labels {@code service}, {@code error_type} = timeout | closed | other. */
    public static final String CONNECTION_ERRORS = "db_pool_connection_errors_total";
    /** Counter, label {@code service}: requests rejected by backpressure. */
    public static final String EXHAUSTED = "db_pool_exhausted_total";
    /** Gauge 0.0–1.0, label {@code service}: active / max. */
    public static final String UTILIZATION = "db_pool_utilization_ratio";
    /**
     * Gauge 0 | 1, label {@code service}: 1 while the pool's admission policy sees overload and sheds
     * (codel: a queue has stood for an interval; threshold: above the threshold; deadline: the
     * predicted wait is above the deadline).
     */
    public static final String ADMISSION_OVERLOADED = "db_pool_admission_overloaded";

    public static final String LABEL_SERVICE = "service";
    /**
     * On every series: the pool's name ({@code DbPool.Builder.poolName}), the service's name unless
     * the service has more than one pool (primary and replica). Sum by {@code service} for the
     * service; alerts and dashboards do.
     */
    public static final String LABEL_POOL = "pool";
    public static final String LABEL_STATE = "state";
    public static final String LABEL_ERROR_TYPE = "error_type";

    public static final String STATE_ACTIVE = "active";
    public static final String STATE_IDLE = "idle";
    public static final String STATE_MAX = "max";
    public static final List<String> STATES = List.of(STATE_ACTIVE, STATE_IDLE, STATE_MAX);

    public static final String ERROR_TIMEOUT = "timeout";
    public static final String ERROR_CLOSED = "closed";
    public static final String ERROR_OTHER = "other";
    public static final List<String> ERROR_TYPES = List.of(ERROR_TIMEOUT, ERROR_CLOSED, ERROR_OTHER);

    /** Every metric name, in the order of the design's table. */
    public static final List<String> ALL = List.of(
            CONNECTIONS, CONNECTIONS_PENDING, ACQUIRE_DURATION, CONNECTION_ERRORS, EXHAUSTED, UTILIZATION,
            ADMISSION_OVERLOADED);

    /**
     * Fixed histogram buckets in seconds. Alert thresholds must sit on one of these boundaries
     * (a {@code histogram_quantile} between two buckets is an interpolation, not a measurement).
     * 30 s is there so that a timed-out acquisition (acquire timeout 10 s) does not land in +Inf.
     */
    public static final List<Double> ACQUIRE_BUCKETS_SECONDS = List.of(
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0);

    private MetricNames() {
    }

    /**
     * The name to give Micrometer so that its Prometheus naming convention produces {@code prometheusName}:
     * Micrometer adds {@code _total} to counters and the base unit ({@code _seconds}) to timers itself.
     */
    public static String meterName(String prometheusName) {
        if (prometheusName.endsWith("_total")) {
            return prometheusName.substring(0, prometheusName.length() - "_total".length());
        }
        if (prometheusName.endsWith("_seconds")) {
            return prometheusName.substring(0, prometheusName.length() - "_seconds".length());
        }
        return prometheusName;
    }
}
