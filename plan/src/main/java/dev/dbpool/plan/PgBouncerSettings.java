package dev.dbpool.plan;


import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The {@code [pgbouncer]} settings that decide connection counts, collected and validated one at a time
 * from a {@code pgbouncer.ini} or from {@code pgbouncer:} in services.yaml; the other settings of
 * PgBouncer are known (so a typo is caught) and otherwise left alone.
 */
final class PgBouncerSettings {

    static final String MAX_CLIENT_CONN = "max_client_conn";
    static final String DEFAULT_POOL_SIZE = "default_pool_size";
    static final String RESERVE_POOL_SIZE = "reserve_pool_size";
    static final String MAX_DB_CONNECTIONS = "max_db_connections";
    static final String MAX_USER_CONNECTIONS = "max_user_connections";
    static final String POOL_MODE = "pool_mode";
    static final String MAX_PREPARED_STATEMENTS = "max_prepared_statements";

    /** What {@code pgbouncer:} in services.yaml takes. */
    static final List<String> YAML_KEYS = List.of(MAX_CLIENT_CONN, DEFAULT_POOL_SIZE, RESERVE_POOL_SIZE,
            MAX_DB_CONNECTIONS, MAX_USER_CONNECTIONS, POOL_MODE, MAX_PREPARED_STATEMENTS);

    /** Every setting of the {@code [pgbouncer]} section (PgBouncer 1.24's configuration reference). */
    static final List<String> INI_KEYS = List.of(
            "logfile", "pidfile", "listen_addr", "listen_port", "unix_socket_dir", "unix_socket_mode",
            "unix_socket_group", "user", "pool_mode", "max_client_conn", "default_pool_size", "min_pool_size",
            "reserve_pool_size", "reserve_pool_timeout", "max_db_connections", "max_db_client_connections",
            "max_user_connections", "max_user_client_connections", "server_round_robin", "track_extra_parameters",
            "ignore_startup_parameters", "peer_id", "disable_pqexec", "application_name_add_host", "conffile",
            "service_name", "job_name", "stats_period", "max_prepared_statements", "scram_iterations",
            "auth_type", "auth_hba_file", "auth_ident_file", "auth_file", "auth_user", "auth_query", "auth_dbname",
            "syslog", "syslog_ident", "syslog_facility", "log_connections", "log_disconnections",
            "log_pooler_errors", "log_stats", "verbose", "admin_users", "stats_users", "server_reset_query",
            "server_reset_query_always", "server_check_delay", "server_check_query", "server_fast_close",
            "server_lifetime", "server_idle_timeout", "server_connect_timeout", "server_login_retry",
            "client_login_timeout", "autodb_idle_timeout", "dns_max_ttl", "dns_nxdomain_ttl",
            "dns_zone_check_period", "resolv_conf", "query_timeout", "query_wait_timeout", "query_wait_notify",
            "cancel_wait_timeout", "client_idle_timeout", "idle_transaction_timeout", "transaction_timeout",
            "suspend_timeout", "pkt_buf", "max_packet_size", "listen_backlog", "sbuf_loopcnt", "so_reuseport",
            "tcp_defer_accept", "tcp_socket_buffer", "tcp_keepalive", "tcp_keepcnt", "tcp_keepidle",
            "tcp_keepintvl", "tcp_user_timeout", "client_tls_sslmode", "client_tls_key_file",
            "client_tls_cert_file", "client_tls_ca_file", "client_tls_protocols", "client_tls_ciphers",
            "client_tls13_ciphers", "client_tls_ecdhcurve", "client_tls_dheparams", "server_tls_sslmode",
            "server_tls_ca_file", "server_tls_key_file", "server_tls_cert_file", "server_tls_protocols",
            "server_tls_ciphers", "server_tls13_ciphers", "current_logfile");

    static final List<String> POOL_MODES = List.of("session", "transaction", "statement");

    private final String source;
    private int maxClientConn = PgBouncerConfig.DEFAULT_MAX_CLIENT_CONN;
    private int defaultPoolSize = PgBouncerConfig.DEFAULT_POOL_SIZE;
    private int reservePoolSize;
    private int maxDbConnections;
    private int maxUserConnections;
    private String poolMode = PgBouncerConfig.SESSION;
    private OptionalInt maxPreparedStatements = OptionalInt.empty();

    PgBouncerSettings(String source) {
        this.source = source;
    }

    /**
     * Takes one setting; {@code error} makes the exception for a problem with its value
     * ({@code "must be a whole number, 0 or more, got 'x'"}), positioned by the caller.
     */
    void set(String key, String value, Function<String, PlanException> error) {
        switch (key) {
            case MAX_CLIENT_CONN -> maxClientConn = count(value, CLIENTS, error);
            case DEFAULT_POOL_SIZE -> defaultPoolSize = count(value, CountRange.CONNECTIONS_OR_NONE, error);
            case RESERVE_POOL_SIZE -> reservePoolSize = count(value, CountRange.CONNECTIONS_OR_NONE, error);
            case MAX_DB_CONNECTIONS -> maxDbConnections = count(value, CountRange.CONNECTIONS_OR_NONE, error);
            case MAX_USER_CONNECTIONS -> maxUserConnections = count(value, CountRange.CONNECTIONS_OR_NONE, error);
            case MAX_PREPARED_STATEMENTS -> maxPreparedStatements = OptionalInt.of(count(value, ANY_COUNT, error));
            case POOL_MODE -> poolMode = poolMode(value, error);
            default -> {
                // known to PgBouncer, no bearing on connection counts
            }
        }
    }

    PgBouncerConfig build(Map<String, PgBouncerConfig.DatabaseEntry> databases) {
        return new PgBouncerConfig(source, maxClientConn, defaultPoolSize, reservePoolSize, maxDbConnections,
                maxUserConnections, poolMode, maxPreparedStatements, databases);
    }

    PgBouncerConfig build() {
        return build(Map.of());
    }

    /** Client connections: PgBouncer takes any int; only the server side is bounded by PostgreSQL. */
    static final CountRange CLIENTS = new CountRange(1, Integer.MAX_VALUE, "an int");
    static final CountRange ANY_COUNT = new CountRange(0, Integer.MAX_VALUE, "an int");

    /** A count as PgBouncer reads it: a whole number within {@code range}. */
    static int count(String value, CountRange range, Function<String, PlanException> error) {
        String text = value.strip();
        if (text.matches("[0-9]{1,18}")) {
            long n = Long.parseLong(text);
            if (n > range.maximum()) {
                throw error.apply("must be " + range.upperBound() + ", got '" + text + "'");
            }
            if (n >= range.minimum()) {
                return (int) n;
            }
        }
        throw error.apply("must be " + range.kind() + ", got '" + text + "'");
    }

    static String poolMode(String value, Function<String, PlanException> error) {
        String mode = value.strip();
        if (!POOL_MODES.contains(mode)) {
            throw error.apply("must be one of " + String.join(", ", POOL_MODES) + ", got '" + mode + "'");
        }
        return mode;
    }
}
