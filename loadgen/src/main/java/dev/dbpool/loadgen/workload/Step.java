package dev.dbpool.loadgen.workload;

import java.util.List;

/** One command of a script, in the order it runs. */
sealed interface Step {

    /**
     * An SQL command, its {@code :variables} turned into {@code ?} bind parameters.
     *
     * @param sql        the command as sent, with {@code ?} where the script had {@code :name}
     * @param parameters the variable behind each {@code ?}, in order
     * @param where      where the command starts in the script
     */
    record Sql(String sql, List<String> parameters, SourcePosition where) implements Step {
        public Sql {
            parameters = List.copyOf(parameters);
        }
    }

    /** {@code \set name expression}. */
    record Set(String name, Expression expression, SourcePosition where) implements Step {
    }

    /** {@code \sleep amount [us|ms|s]}: the client waits, its connection held. */
    record Sleep(Expression amount, long nanosPerUnit, SourcePosition where) implements Step {
    }
}
