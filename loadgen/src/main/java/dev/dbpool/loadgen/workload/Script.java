package dev.dbpool.loadgen.workload;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A workload script in pgbench's language: what one request does with its connection. Read it with
 * {@link #parse} or {@link #read} (every problem is found then, as {@code FILE:LINE:COL: message});
 * {@link #run} runs it once. {@code :name} values go to the server as bind parameters of a
 * {@link PreparedStatement} (left untyped, as pgbench's are, so the server types them from the
 * statement); pgjdbc prepares a statement on the server once it has run a few times on a connection.
 * With {@code BEGIN}/{@code COMMIT} in the script the commands between run in one transaction;
 * otherwise each command is its own (autocommit).
 *
 * <pre>{@code
 * \set id random(1, 100000)
 * BEGIN;
 * SELECT balance FROM accounts WHERE id = :id;
 * COMMIT;
 * }</pre>
 */
public final class Script {

    /** The name that selects the built-in workload. */
    public static final String BUILTIN = "builtin";
    private static final String BUILTIN_RESOURCE = "builtin.sql";

    private final String name;
    private final String text;
    private final List<Step> steps;

    private Script(String name, String text, List<Step> steps) {
        this.name = name;
        this.text = text;
        this.steps = steps;
    }

    /**
     * @param name what the script is called in messages and reports (its file name)
     * @throws ScriptProblem {@code NAME:LINE:COL: message} for the first problem
     */
    public static Script parse(String name, String text) {
        return parse(name, name, text);
    }

    /** @param file what problems name as {@code FILE} (the path as given), besides the {@code name} of reports */
    private static Script parse(String name, String file, String text) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        return new Script(name, text, ScriptParser.parse(file, text));
    }

    /**
     * Reads and parses {@code file}; named in reports by its file name, in problems by its path as given.
     *
     * @throws ScriptProblem for a missing or unreadable file, and for any problem in its text
     */
    public static Script read(Path file) {
        return parse(file.getFileName().toString(), file.toString(), readText(ScriptProblem.WORKLOAD, file));
    }

    /** The built-in workload as a script: the statements and the hold of the soak's default request. */
    public static Script builtin() {
        return parse(BUILTIN, builtinText());
    }

    /** The shipped text of {@link #builtin()}, comments included. */
    public static String builtinText() {
        try (InputStream in = Script.class.getResourceAsStream(BUILTIN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in workload script is missing from the jar: " + BUILTIN_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's text; a missing or unreadable file is a {@link ScriptProblem} about {@code parameter}. */
    static String readText(String parameter, Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScriptProblem(parameter, file + ": no such file", e);
        } catch (IOException | UncheckedIOException e) {
            String reason = e.getMessage() == null || e.getMessage().equals(file.toString())
                    ? e.getClass().getSimpleName() : e.getMessage();
            throw new ScriptProblem(parameter, file + ": cannot read it: " + reason, e);
        }
    }

    public String name() {
        return name;
    }

    /** The script as written. */
    public String text() {
        return text;
    }

    /** The SQL commands as sent, {@code ?} for each {@code :name}. */
    public List<String> sql() {
        return steps.stream().filter(s -> s instanceof Step.Sql).map(s -> ((Step.Sql) s).sql()).toList();
    }

    List<Step> steps() {
        return steps;
    }

    /**
     * Runs the script once on {@code connection} (in autocommit, as a pool hands it out). When a command
     * fails, a transaction the script opened is rolled back before the error is thrown, so that the
     * connection goes back to the pool clean.
     *
     * @param clientId {@code :client_id}
     * @param random   the source of this run's random functions (seeded by the caller)
     * @throws SQLException the first command that failed; a {@code \set} that cannot be evaluated
     *                      (division by zero, overflow) is one too, without an SQLState
     */
    public void run(Connection connection, long clientId, SplittableRandom random) throws SQLException {
        Map<String, Number> variables = new HashMap<>();
        variables.put(ScriptParser.CLIENT_ID, clientId);
        try {
            for (Step step : steps) {
                if (step instanceof Step.Sql sql) {
                    execute(connection, sql, variables);
                } else if (step instanceof Step.Set set) {
                    variables.put(set.name(), evaluate(set.expression(), set.where(), variables, random));
                } else if (step instanceof Step.Sleep sleep) {
                    sleep(evaluate(sleep.amount(), sleep.where(), variables, random), sleep.nanosPerUnit());
                }
            }
        } catch (SQLException | RuntimeException e) {
            rollbackIfOpen(connection);
            throw e;
        }
        // A script that forgot its COMMIT must not hand the pool a connection inside a transaction.
        rollbackIfOpen(connection);
    }

    private static void execute(Connection connection, Step.Sql sql, Map<String, Number> variables) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.sql())) {
            List<String> parameters = sql.parameters();
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, variables.get(parameters.get(i)).toString(), Types.OTHER);
            }
            ps.execute();
        }
    }

    private static Number evaluate(Expression expression, SourcePosition where, Map<String, Number> variables,
                                   SplittableRandom random) throws SQLException {
        try {
            return expression.evaluate(variables, random);
        } catch (ArithmeticException e) {
            throw new SQLException(where + ": " + e.getMessage(), (String) null, e);
        }
    }

    private static void sleep(Number amount, long nanosPerUnit) throws SQLException {
        long nanos = Math.max(0, amount.longValue()) * nanosPerUnit;
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted in \\sleep", (String) null, e);
        }
    }

    private static void rollbackIfOpen(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                return; // the caller's transaction, the caller's to end
            }
            BaseConnection pg = connection.isWrapperFor(BaseConnection.class) ? connection.unwrap(BaseConnection.class) : null;
            if (pg == null || pg.getTransactionState() != TransactionState.IDLE) {
                try (var s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                }
            }
        } catch (SQLException e) {
            // the session is likely gone; the pool evicts it on close
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
