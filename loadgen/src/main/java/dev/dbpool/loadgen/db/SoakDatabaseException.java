package dev.dbpool.loadgen.db;

import dev.dbpool.runtime.DatabaseUrl;

/** The soak's database could not be reached, set up or controlled. The message never carries a password. */
public final class SoakDatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private SoakDatabaseException(String message, Throwable cause) {
        super(DatabaseUrl.mask(message), cause);
    }

    /** {@code cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/db: Connection refused}. */
    public static SoakDatabaseException unreachable(String where, Throwable cause) {
        return new SoakDatabaseException("cannot reach PostgreSQL at " + where + ": " + rootMessage(cause), cause);
    }

    public static SoakDatabaseException failed(String what, Throwable cause) {
        return new SoakDatabaseException(what + ": " + rootMessage(cause), cause);
    }

    static String rootMessage(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
