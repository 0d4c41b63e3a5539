package dev.dbpool.loadgen.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads pgbench's script language, the parts people use: SQL commands ending in {@code ;} (quotes,
 * dollar quotes and {@code ::} casts respected), {@code :name} references, {@code --} comments,
 * {@code \set} and {@code \sleep}. Every problem is {@code FILE:LINE:COL: message}; a variable must
 * be given a value by a {@code \set} above its first use ({@code :client_id} is built in).
 */
final class ScriptParser {

    /** pgbench's built-in variable: the simulated client's number, from 0. */
    static final String CLIENT_ID = "client_id";

    private final String file;
    private final String text;
    private final int[] lineStarts;
    private final Set<String> defined = new HashSet<>(Set.of(CLIENT_ID));
    private final List<Step> steps = new ArrayList<>();
    /** Plain SQL, as the server reads it: no meta-commands, no variables, comments kept. */
    private final boolean plain;
    private int pos;

    private ScriptParser(String file, String text, boolean plain) {
        this.file = file;
        this.plain = plain;
        this.text = text;
        List<Integer> starts = new ArrayList<>(List.of(0));
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The statements of a plain SQL file, each exactly as written (comments included) and where it
     * starts, so that a server error's position maps back to the file.
     */
    static List<Step.Sql> statements(String file, String text) {
        ScriptParser parser = new ScriptParser(file, text, true);
        parser.readAll();
        return parser.steps.stream().map(s -> (Step.Sql) s).toList();
    }

    static List<Step> parse(String file, String text) {
        ScriptParser parser = new ScriptParser(file, text, false);
        parser.readAll();
        if (parser.steps.stream().noneMatch(s -> s instanceof Step.Sql)) {
            throw new ScriptProblem(ScriptProblem.WORKLOAD, file + ": no SQL command: a script needs at least one "
                    + "command ending in ';'");
        }
        return List.copyOf(parser.steps);
    }

    private void readAll() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                return;
            }
            if (text.charAt(pos) == '\\' && plain) {
                throw at(pos).problem("a backslash command; this file is plain SQL, run by the server as it is");
            } else if (text.charAt(pos) == '\\') {
                metaCommand();
            } else {
                sqlCommand();
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            if (Character.isWhitespace(text.charAt(pos))) {
                pos++;
            } else if (text.startsWith("--", pos)) {
                skipToEndOfLine();
            } else {
                return;
            }
        }
    }

    private void skipToEndOfLine() {
        int end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length() : end;
    }

    // ---- meta-commands ----

    private void metaCommand() {
        int start = pos;
        int end = text.indexOf('\n', pos);
        end = end < 0 ? text.length() : end;
        String line = text.substring(start, end);
        int comment = line.indexOf("--");
        if (comment >= 0) {
            line = line.substring(0, comment);
        }
        pos = end;
        int wordEnd = 1;
        while (wordEnd < line.length() && !Character.isWhitespace(line.charAt(wordEnd))) {
            wordEnd++;
        }
        String word = line.substring(1, wordEnd);
        int argsAt = start + wordEnd;
        String args = line.substring(wordEnd);
        switch (word) {
            case "set" -> set(args, argsAt, start);
            case "sleep" -> sleep(args, argsAt, start);
            default -> throw at(start).problem("unknown meta-command \\" + word
                    + " (dbpool scripts know \\set and \\sleep)");
        }
    }

    private void set(String args, int argsAt, int commandAt) {
        int i = skipBlank(args, 0);
        int nameStart = i;
        while (i < args.length() && (Character.isLetterOrDigit(args.charAt(i)) || args.charAt(i) == '_')) {
            i++;
        }
        String name = args.substring(nameStart, i);
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            throw at(argsAt + nameStart).problem(nameStart >= args.length()
                    ? "\\set needs a variable name and an expression (\\set NAME EXPRESSION)"
                    : "\\set needs a variable name (letters, digits, _), got '" + args.strip() + "'");
        }
        if (name.equals(CLIENT_ID)) {
            throw at(argsAt + nameStart).problem(":client_id is built in and cannot be \\set");
        }
        String expressionText = args.substring(i);
        if (expressionText.isBlank()) {
            throw at(commandAt).problem("\\set " + name + " needs an expression (\\set NAME EXPRESSION)");
        }
        Expression expression = ExpressionParser.parse(expressionText, at(argsAt + i));
        checkDefined(expression, argsAt + i, expressionText);
        steps.add(new Step.Set(name, expression, at(commandAt)));
        defined.add(name);
    }

    private void sleep(String args, int argsAt, int commandAt) {
        String[] words = args.strip().split("\\s+");
        if (args.isBlank() || words.length > 2) {
            throw at(commandAt).problem("\\sleep takes an amount and an optional unit (\\sleep N [us|ms|s]), got '"
                    + ("\\sleep" + args).strip() + "'");
        }
        int amountAt = argsAt + skipBlank(args, 0);
        Expression amount;
        if (words[0].startsWith(":")) {
            amount = new Expression.Variable(words[0].substring(1));
            checkDefined(amount, amountAt, words[0]);
        } else {
            try {
                long value = Long.parseLong(words[0]);
                if (value < 0) {
                    throw new NumberFormatException();
                }
                amount = new Expression.Constant(value);
            } catch (NumberFormatException e) {
                throw at(amountAt).problem("\\sleep's amount must be a non-negative integer or a :variable, got '"
                        + words[0] + "'");
            }
        }
        long nanosPerUnit = words.length == 1 ? TimeUnit.SECONDS.toNanos(1) : switch (words[1]) {
            case "us" -> TimeUnit.MICROSECONDS.toNanos(1);
            case "ms" -> TimeUnit.MILLISECONDS.toNanos(1);
            case "s" -> TimeUnit.SECONDS.toNanos(1);
            default -> throw at(argsAt + args.indexOf(words[1], args.indexOf(words[0]) + words[0].length()))
                    .problem("\\sleep's unit must be us, ms or s, got '" + words[1] + "'");
        };
        steps.add(new Step.Sleep(amount, nanosPerUnit, at(commandAt)));
    }

    private void checkDefined(Expression expression, int at, String expressionText) {
        Set<String> used = new java.util.LinkedHashSet<>();
        expression.variables(used);
        for (String name : used) {
            if (!defined.contains(name)) {
                int offset = expressionText.indexOf(":" + name);
                throw at(at + Math.max(0, offset)).problem(usedBeforeSet(name));
            }
        }
    }

    private static String usedBeforeSet(String name) {
        return "variable :" + name + " is used before any \\set gives it a value";
    }

    private static int skipBlank(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    // ---- SQL ----

    private void sqlCommand() {
        int start = pos;
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';') {
                pos++;
                addSql(sql, parameters, start);
                return;
            }
            if (c == '\'' || c == '"') {
                copyQuoted(sql, c, start);
            } else if (c == '$' && dollarTag() != null) {
                copyDollarQuoted(sql, dollarTag(), start);
            } else if (text.startsWith("--", pos)) {
                int from = pos;
                skipToEndOfLine();
                if (plain) {
                    sql.append(text, from, pos);
                }
            } else if (plain) {
                sql.append(c);
                pos++;
            } else if (text.startsWith("::", pos)) {
                sql.append("::");
                pos += 2;
            } else if (c == ':' && pos + 1 < text.length() && isNameStart(text.charAt(pos + 1))) {
                int at = pos++;
                int nameStart = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                String name = text.substring(nameStart, pos);
                if (!defined.contains(name)) {
                    throw at(at).problem(usedBeforeSet(name));
                }
                parameters.add(name);
                sql.append('?');
            } else if (c == '?') {
                throw at(pos).problem("'?' in SQL is the JDBC bind marker; write the value as a :variable");
            } else {
                sql.append(c);
                pos++;
            }
        }
        // pgbench runs a last command that lacks its ';'.
        addSql(sql, parameters, start);
    }

    private void addSql(StringBuilder sql, List<String> parameters, int start) {
        String command = plain ? sql.toString().stripTrailing() : sql.toString().strip();
        if (!command.isEmpty()) {
            steps.add(new Step.Sql(command, parameters, at(start)));
        }
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private void copyQuoted(StringBuilder sql, char quote, int commandStart) {
        int open = pos;
        sql.append(quote);
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            sql.append(c);
            if (c == quote) {
                if (pos < text.length() && text.charAt(pos) == quote) {
                    sql.append(quote);
                    pos++;
                } else {
                    return;
                }
            }
        }
        throw at(open).problem("unterminated " + (quote == '\'' ? "string" : "quoted identifier") + " starting here");
    }

    /** {@code $$} or {@code $tag$} at {@link #pos}, or {@code null}. */
    private String dollarTag() {
        if (pos > 0 && (Character.isLetterOrDigit(text.charAt(pos - 1)) || text.charAt(pos - 1) == '_')) {
            return null;
        }
        int i = pos + 1;
        while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '$' && (i == pos + 1 || !Character.isDigit(text.charAt(pos + 1)))) {
            return text.substring(pos, i + 1);
        }
        return null;
    }

    private void copyDollarQuoted(StringBuilder sql, String tag, int commandStart) {
        int close = text.indexOf(tag, pos + tag.length());
        if (close < 0) {
            throw at(pos).problem("unterminated dollar-quoted string " + tag + " starting here");
        }
        sql.append(text, pos, close + tag.length());
        pos = close + tag.length();
    }

    private SourcePosition at(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        line = line >= 0 ? line : -line - 2;
        return new SourcePosition(file, line + 1, offset - lineStarts[line] + 1);
    }
}
