package dev.dbpool.loadgen.workload;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A script and its share of the requests: a request runs this script with probability
 * {@code weight / sum of weights}.
 */
public record WeightedScript(Script script, int weight) {

    /** The weight of a script given without {@code @WEIGHT}, pgbench's. */
    public static final int DEFAULT_WEIGHT = 1;

    public WeightedScript {
        Objects.requireNonNull(script, "script");
        if (weight < 1) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, script.name() + ": the weight must be a positive integer, got "
                    + weight);
        }
    }

    /**
     * {@code FILE[@WEIGHT]}, or {@code builtin[@WEIGHT]} for the built-in workload's script. The text after
     * the last {@code @} is the weight; relative files are read from the working directory.
     *
     * @throws ScriptProblem about {@code workload}: a weight that is not a positive integer, a missing or
     *                       unreadable file, a problem in the script
     */
    public static WeightedScript parse(String spec) {
        String text = spec == null ? "" : spec.strip();
        int at = text.lastIndexOf('@');
        String file = at < 0 ? text : text.substring(0, at);
        int weight = DEFAULT_WEIGHT;
        if (at >= 0) {
            String weightText = text.substring(at + 1);
            try {
                weight = Integer.parseInt(weightText);
            } catch (NumberFormatException e) {
                weight = 0;
            }
            if (weight < 1) {
                throw new ScriptProblem(ScriptProblem.WORKLOAD, "'" + spec + "': the weight after @ must be a positive "
                        + "integer, got '" + weightText + "'");
            }
        }
        if (file.isEmpty()) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, "'" + spec + "': name a script file (FILE[@WEIGHT]) or builtin");
        }
        Script script = file.equals(Script.BUILTIN) ? Script.builtin() : Script.read(Path.of(file));
        return new WeightedScript(script, weight);
    }

    public String name() {
        return script.name();
    }

    /** {@code browse.sql@80}. */
    @Override
    public String toString() {
        return script.name() + "@" + weight;
    }
}
