package dev.dbpool.cli.common;

/** The exit codes every subcommand shares (DESIGN §3, §4). */
public final class ExitCodes {
    /** The check passed: the fleet fits, the soak met its thresholds, the files are up to date. */
    public static final int OK = 0;
    /** The check failed: over budget, a --fail-on threshold breached, files differ. */
    public static final int VIOLATION = 1;
    /** Invalid input or usage: bad YAML, a bad flag, a missing file. */
    public static final int USAGE = 2;
    /** The database could not be reached. */
    public static final int UNREACHABLE = 3;
    /** A soak run is invalid: the load generator fell behind its schedule. */
    public static final int INVALID_RUN = 4;
    /** EX_SOFTWARE from sysexits.h: a bug in dbpool, not a problem with the user's input. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {
    }
}
