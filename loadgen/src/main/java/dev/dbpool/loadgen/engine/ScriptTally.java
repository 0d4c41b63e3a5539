package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.ScriptOutcomes;
import dev.dbpool.loadgen.workload.ScriptMix;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The errors of a run's measured requests, per script and by full SQLState. An error of the script's own
 * (a constraint, a syntax error, a division by zero in a {@code \set}) counts towards the run's validity;
 * connection loss (SQLState classes 08 and 57, which kill, restart and network faults cause on purpose)
 * does not.
 */
public final class ScriptTally {

    private final ScriptMix scripts;
    private final long seed;
    private final List<Map<String, LongAdder>> errors = new ArrayList<>();
    private final LongAdder scriptErrors = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    public ScriptTally(ScriptMix scripts, long seed) {
        this.scripts = scripts;
        this.seed = seed;
        for (int i = 0; i < scripts.size(); i++) {
            errors.add(new ConcurrentHashMap<>());
        }
    }

    /** Measured request {@code index} (the schedule's index) failed with {@code error}. */
    public void recordError(int index, Throwable error) {
        int script = scripts.scriptOf(seed, index);
        String state = error instanceof SQLException sql && sql.getSQLState() != null ? sql.getSQLState()
                : ErrorCounts.NO_SQLSTATE;
        errors.get(script).computeIfAbsent(state, k -> new LongAdder()).increment();
        if (!state.startsWith("08") && !state.startsWith("57")) {
            scriptErrors.increment();
            firstError.compareAndSet(null, scripts.get(script).name() + ": " + describe(error, state));
        }
    }

    private static String describe(Throwable error, String state) {
        String message = String.valueOf(error.getMessage()).strip();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        return state.equals(ErrorCounts.NO_SQLSTATE) ? message : message + " (SQLState " + state + ")";
    }

    /** The run's figures, the measured requests being those from {@code firstMeasured} on, {@code measured} of them. */
    public ScriptOutcomes snapshot(int firstMeasured, int measured) {
        byte[] scriptOf = new byte[measured];
        for (int i = 0; i < measured; i++) {
            scriptOf[i] = (byte) scripts.scriptOf(seed, firstMeasured + i);
        }
        List<Map<String, Long>> byState = new ArrayList<>();
        for (Map<String, LongAdder> counts : errors) {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v.sum()));
            byState.add(out);
        }
        List<String> names = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        for (int i = 0; i < scripts.size(); i++) {
            names.add(scripts.get(i).name());
            weights.add(scripts.get(i).weight());
        }
        return new ScriptOutcomes(names, weights, scriptOf, byState, scriptErrors.sum(), firstError.get());
    }
}
