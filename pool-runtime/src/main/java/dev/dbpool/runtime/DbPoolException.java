package dev.dbpool.runtime;

/** The pool could not be created: most often the database could not be reached within the connect timeout. */
public final class DbPoolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private DbPoolException(String message, Throwable cause) {
        super(message, cause);
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
