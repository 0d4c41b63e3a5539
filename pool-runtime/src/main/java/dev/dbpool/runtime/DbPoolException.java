package dev.dbpool.runtime;

/** The pool could not be created: most often the database could not be reached within the connect timeout. */
public final class DbPoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private DbPoolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A pool of {@code service} named {@code pool} is already registered in the meter registry. */
    public static DbPoolException duplicate(String service, String pool) {
        return new DbPoolException(service + ": a pool named '" + pool + "' is already registered in this "
                + "MeterRegistry; close it first, or give this pool its own name "
                + "(DbPool.builder(config).poolName(\"replica\")) so that the two do not share metrics", null);
    }

    /** {@code auth-service: cannot reach PostgreSQL at jdbc:postgresql://db:5432/app within 5s: Connection refused}. */
    public static DbPoolException unreachable(DbConfig config, Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = DatabaseUrl.mask(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
        return new DbPoolException(config.serviceName() + ": cannot reach PostgreSQL at "
                + config.parsedDatabaseUrl().jdbcUrl() + " within " + config.connectTimeout().toMillis() + "ms: "
                + reason, cause);
    }
}
