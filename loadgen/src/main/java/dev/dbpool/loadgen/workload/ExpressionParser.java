package dev.dbpool.loadgen.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code \set} expression, recursive descent with pgbench's precedence ({@code * / %} over
 * {@code + -}, left-associative, unary minus). Positions in errors are the script's.
 */
final class ExpressionParser {

    private final String text;
    private final SourcePosition where;
    private int pos;

    /** @param where the position of {@code text}'s first character in the script */
    private ExpressionParser(String text, SourcePosition where) {
        this.text = text;
        this.where = where;
    }

    static Expression parse(String text, SourcePosition where) {
        ExpressionParser parser = new ExpressionParser(text, where);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw where.problem("\\set needs an expression");
        }
        Expression expression = parser.sum();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw parser.problemHere("unexpected '" + parser.text.substring(parser.pos) + "' in the expression");
        }
        return expression;
    }

    private Expression sum() {
        Expression left = product();
        while (true) {
            skipSpace();
            if (peek('+') || peek('-')) {
                char op = text.charAt(pos++);
                left = new Expression.Binary(op, left, product());
            } else {
                return left;
            }
        }
    }

    private Expression product() {
        Expression left = unary();
        while (true) {
            skipSpace();
            if (peek('*') || peek('/') || peek('%')) {
                char op = text.charAt(pos++);
                left = new Expression.Binary(op, left, unary());
            } else {
                return left;
            }
        }
    }

    private Expression unary() {
        skipSpace();
        if (peek('-')) {
            pos++;
            Expression operand = unary();
            return operand instanceof Expression.Constant c
                    ? new Expression.Constant(c.value() instanceof Long l ? (Number) (-l) : (Number) (-c.value().doubleValue()))
                    : new Expression.Negate(operand);
        }
        if (peek('+')) {
            pos++;
            return unary();
        }
        return primary();
    }

    private Expression primary() {
        skipSpace();
        if (atEnd()) {
            throw problemHere("the expression ends too early");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            Expression inner = sum();
            expect(')');
            return inner;
        }
        if (c == ':') {
            int start = pos++;
            String name = identifier();
            if (name.isEmpty()) {
                pos = start;
                throw problemHere("':' must be followed by a variable name");
            }
            return new Expression.Variable(name);
        }
        if (Character.isDigit(c) || c == '.') {
            return number();
        }
        if (Character.isLetter(c) || c == '_') {
            int start = pos;
            String name = identifier();
            Expression.Function function = Expression.Function.find(name);
            if (function == null) {
                pos = start;
                throw problemHere("unknown function " + name + " (dbpool scripts know " + Expression.Function.labels() + ")");
            }
            skipSpace();
            expect('(');
            List<Expression> arguments = new ArrayList<>();
            List<Integer> columns = new ArrayList<>();
            skipSpace();
            if (!peek(')')) {
                do {
                    skipSpace();
                    columns.add(pos);
                    arguments.add(sum());
                    skipSpace();
                } while (peek(',') && ++pos > 0);
            }
            expect(')');
            if (arguments.size() != function.arity) {
                pos = start;
                throw problemHere(function.label + " takes " + function.arity + " arguments, got " + arguments.size());
            }
            if (function.arity == 3 && arguments.get(2) instanceof Expression.Constant parameter) {
                checkParameter(function, parameter.value().doubleValue(), columns.get(2));
            }
            return new Expression.RandomCall(function, List.copyOf(arguments));
        }
        throw problemHere("unexpected '" + c + "' in the expression");
    }

    /** A constant parameter out of pgbench's range is refused when the script is read, not at the first request. */
    private void checkParameter(Expression.Function function, double value, int column) {
        String requirement = switch (function) {
            case EXPONENTIAL -> value > 0 ? null : "greater than 0";
            case GAUSSIAN -> value >= Distributions.MIN_GAUSSIAN_PARAMETER ? null : "at least 2.0";
            case ZIPFIAN -> value >= Distributions.MIN_ZIPFIAN_PARAMETER && value <= Distributions.MAX_ZIPFIAN_PARAMETER
                    ? null : "from 1.001 to 1000";
            case RANDOM -> null;
        };
        if (requirement != null) {
            pos = column;
            throw problemHere(function.label + "'s parameter must be " + requirement + ", got " + format(value));
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private Expression number() {
        int start = pos;
        while (!atEnd() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.'
                || text.charAt(pos) == 'e' || text.charAt(pos) == 'E'
                || (pos > start && (text.charAt(pos) == '-' || text.charAt(pos) == '+')
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String literal = text.substring(start, pos);
        try {
            boolean isDouble = literal.contains(".") || literal.contains("e") || literal.contains("E");
            return new Expression.Constant(isDouble ? (Number) Double.parseDouble(literal) : (Number) Long.parseLong(literal));
        } catch (NumberFormatException e) {
            pos = start;
            throw problemHere("'" + literal + "' is not a number");
        }
    }

    private String identifier() {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expect(char c) {
        skipSpace();
        if (!peek(c)) {
            throw problemHere(atEnd() ? "expected '" + c + "' before the end of the expression" : "expected '" + c + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return !atEnd() && text.charAt(pos) == c;
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ScriptProblem problemHere(String message) {
        return where.plusColumns(pos).problem(message);
    }
}
