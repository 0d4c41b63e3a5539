package dev.dbpool.loadgen.workload;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The scripts a soak's requests run, each chosen by weight. Which script request {@code index} runs and
 * every random value it draws come from the seed and the index alone, so every run of a soak (one per
 * mode) does the same work in the same order.
 */
public record ScriptMix(List<WeightedScript> scripts) {

    /** Reports keep each request's script in a byte. */
    public static final int MAX_SCRIPTS = 100;

    public ScriptMix {
        scripts = List.copyOf(scripts);
        if (scripts.isEmpty()) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, "give at least one script");
        }
        if (scripts.size() > MAX_SCRIPTS) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, "at most " + MAX_SCRIPTS + " scripts, got " + scripts.size());
        }
        long names = scripts.stream().map(WeightedScript::name).distinct().count();
        if (names != scripts.size()) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, "each script may be given once, got " + scripts
                    + ": give it one weight instead");
        }
    }

    public static ScriptMix of(WeightedScript... scripts) {
        return new ScriptMix(List.of(scripts));
    }

    public int size() {
        return scripts.size();
    }

    public WeightedScript get(int i) {
        return scripts.get(i);
    }

    /** Whether it is the built-in workload's script alone. */
    public boolean isBuiltinOnly() {
        return scripts.size() == 1 && scripts.get(0).name().equals(Script.BUILTIN);
    }

    /** The index of the script request {@code index} runs. */
    public int scriptOf(long seed, long index) {
        return pick(random(seed, index));
    }

    /**
     * Runs request {@code index}: its script, with the request's own random source.
     *
     * @param clientId {@code :client_id}
     */
    public void run(Connection connection, long seed, long index, long clientId) throws SQLException {
        SplittableRandom random = random(seed, index);
        scripts.get(pick(random)).script().run(connection, clientId, random);
    }

    private int pick(SplittableRandom random) {
        if (scripts.size() == 1) {
            return 0;
        }
        long total = scripts.stream().mapToLong(WeightedScript::weight).sum();
        long draw = random.nextLong(total);
        for (int i = 0; i < scripts.size(); i++) {
            draw -= scripts.get(i).weight();
            if (draw < 0) {
                return i;
            }
        }
        return scripts.size() - 1;
    }

    /** The request's own stream: SplittableRandom mixes its seed, so neighbouring indexes draw unrelated values. */
    private static SplittableRandom random(long seed, long index) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    }
}
