package dev.dbpool.cli.common;

/**
 * An expected failure with a message for the user and an exit code; printed without a stack trace
 * unless {@code --verbose}. Build one with the static factories.
 */
public final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Invalid input or usage (exit 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message, null);
    }

    /** Invalid input or usage (exit 2), keeping the cause for {@code --verbose}. */
    public static CliException usage(String message, Throwable cause) {
        return new CliException(ExitCodes.USAGE, message, cause);
    }

    /** The database could not be reached (exit 3). */
    public static CliException unreachable(String message, Throwable cause) {
        return new CliException(ExitCodes.UNREACHABLE, message, cause);
    }

    /** Any other code with a message. */
    public static CliException withCode(int exitCode, String message, Throwable cause) {
        return new CliException(exitCode, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
