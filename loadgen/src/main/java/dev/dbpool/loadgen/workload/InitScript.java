package dev.dbpool.loadgen.workload;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * Plain SQL that creates what the workload scripts use (tables, rows, indexes), run once, statement by
 * statement, before the runs. A statement the server refuses is a {@link ScriptProblem} with the
 * server's message and the line and column in the file.
 */
public final class InitScript {

    private final String name;
    private final List<Step.Sql> statements;

    private InitScript(String name, List<Step.Sql> statements) {
        this.name = name;
        this.statements = statements;
    }

    /** @throws ScriptProblem about {@code init} when the text cannot be split into statements */
    public static InitScript parse(String name, String text) {
        return parse(name, name, text);
    }

    private static InitScript parse(String name, String file, String text) {
        Objects.requireNonNull(name, "name");
        try {
            List<Step.Sql> statements = ScriptParser.statements(file, text);
            if (statements.isEmpty()) {
                throw new ScriptProblem(ScriptProblem.INIT, file + ": no SQL statement in it");
            }
            return new InitScript(name, statements);
        } catch (ScriptProblem e) {
            throw e.parameter().equals(ScriptProblem.INIT) ? e : new ScriptProblem(ScriptProblem.INIT, e.getMessage(), e);
        }
    }

    /** @throws ScriptProblem about {@code init} for a missing or unreadable file, or text that cannot be split */
    public static InitScript read(Path file) {
        return parse(file.getFileName().toString(), file.toString(), Script.readText(ScriptProblem.INIT, file));
    }

    public String name() {
        return name;
    }

    /** How many statements it runs. */
    public int size() {
        return statements.size();
    }

    /**
     * Runs every statement on {@code connection}, whose {@code search_path} decides where unqualified
     * names go.
     *
     * @throws ScriptProblem about {@code init}: {@code FILE:LINE:COL: the server's message}
     */
    public void run(Connection connection) {
        for (Step.Sql statement : statements) {
            try (Statement s = connection.createStatement()) {
                s.execute(statement.sql());
            } catch (SQLException e) {
                throw new ScriptProblem(ScriptProblem.INIT, where(statement, e) + ": the server refused it: "
                        + serverMessage(e), e);
            }
        }
    }

    /** The statement's start, or the character the server points at when it does. */
    private static SourcePosition where(Step.Sql statement, SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        int position = server == null ? 0 : server.getPosition();
        SourcePosition start = statement.where();
        if (position <= 0 || position > statement.sql().length()) {
            return start;
        }
        String before = statement.sql().substring(0, position - 1);
        int newline = before.lastIndexOf('\n');
        if (newline < 0) {
            return start.plusColumns(position - 1);
        }
        int lines = (int) before.chars().filter(c -> c == '\n').count();
        return new SourcePosition(start.file(), start.line() + lines, before.length() - newline);
    }

    private static String serverMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server == null) {
            return String.valueOf(e.getMessage());
        }
        String state = server.getSQLState() == null ? "" : " (SQLState " + server.getSQLState() + ")";
        return server.getSeverity() + ": " + server.getMessage() + state;
    }

    @Override
    public String toString() {
        return name;
    }
}
