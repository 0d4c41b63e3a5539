package dev.dbpool.loadgen.workload;

/**
 * A workload script, its weight or the init script cannot be used: found before any load runs. The
 * message is about the {@link #parameter()} (it names the file and, for the text, {@code FILE:LINE:COL});
 * a command line puts its own flag in front of it.
 */
public final class ScriptProblem extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The parameter a problem is about: a workload script ({@code FILE[@WEIGHT]}). */
    public static final String WORKLOAD = "workload";
    /** The parameter a problem is about: the script that creates the soak's tables. */
    public static final String INIT = "init";
    /** The parameter a problem is about: a {@code lock:TABLE} fault. */
    public static final String LOCK = "lock";

    private final String parameter;

    public ScriptProblem(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public ScriptProblem(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /** {@link #WORKLOAD}, {@link #INIT} or {@link #LOCK}. */
    public String parameter() {
        return parameter;
    }

    /** {@code workload: shop.sql:3:1: unknown meta-command \frobnicate}. */
    @Override
    public String toString() {
        return parameter + ": " + getMessage();
    }
}
