package dev.dbpool.loadgen.workload;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A {@code \set} expression: integer (and double) constants, {@code :variables}, {@code + - * / %},
 * unary minus, parentheses and pgbench's random functions. Integers stay 64-bit integers (overflow and
 * division by zero are errors, as in pgbench); a double operand makes the result a double.
 */
sealed interface Expression {

    /** A {@link Long} or a {@link Double}. */
    Number evaluate(Map<String, Number> variables, SplittableRandom random);

    /** The variables it reads. */
    void variables(Set<String> into);

    record Constant(Number value) implements Expression {
        @Override
        public Number evaluate(Map<String, Number> variables, SplittableRandom random) {
            return value;
        }

        @Override
        public void variables(Set<String> into) {
        }
    }

    record Variable(String name) implements Expression {
        @Override
        public Number evaluate(Map<String, Number> variables, SplittableRandom random) {
            return variables.get(name);
        }

        @Override
        public void variables(Set<String> into) {
            into.add(name);
        }
    }

    record Negate(Expression operand) implements Expression {
        @Override
        public Number evaluate(Map<String, Number> variables, SplittableRandom random) {
            Number value = operand.evaluate(variables, random);
            return value instanceof Long l ? (Number) Math.negateExact(l) : (Number) (-value.doubleValue());
        }

        @Override
        public void variables(Set<String> into) {
            operand.variables(into);
        }
    }

    record Binary(char operator, Expression left, Expression right) implements Expression {
        @Override
        public Number evaluate(Map<String, Number> variables, SplittableRandom random) {
            Number a = left.evaluate(variables, random);
            Number b = right.evaluate(variables, random);
            if (a instanceof Long x && b instanceof Long y) {
                return switch (operator) {
                    case '+' -> Math.addExact(x, y);
                    case '-' -> Math.subtractExact(x, y);
                    case '*' -> Math.multiplyExact(x, y);
                    case '/' -> divide(x, y);
                    case '%' -> remainder(x, y);
                    default -> throw new IllegalStateException("operator " + operator);
                };
            }
            double x = a.doubleValue();
            double y = b.doubleValue();
            return switch (operator) {
                case '+' -> x + y;
                case '-' -> x - y;
                case '*' -> x * y;
                case '/' -> x / y;
                default -> throw new ArithmeticException("% takes integers, got " + a + " % " + b);
            };
        }

        /** C's division, as pgbench's: truncated towards zero. */
        private static long divide(long x, long y) {
            if (y == 0) {
                throw new ArithmeticException("division by zero");
            }
            return x == Long.MIN_VALUE && y == -1 ? Math.negateExact(x) : x / y;
        }

        private static long remainder(long x, long y) {
            if (y == 0) {
                throw new ArithmeticException("division by zero");
            }
            return y == -1 ? 0 : x % y;
        }

        @Override
        public void variables(Set<String> into) {
            left.variables(into);
            right.variables(into);
        }
    }

    /** {@code random}, {@code random_exponential}, {@code random_gaussian} or {@code random_zipfian}. */
    record RandomCall(Function function, List<Expression> arguments) implements Expression {
        @Override
        public Number evaluate(Map<String, Number> variables, SplittableRandom random) {
            long lo = integer(arguments.get(0).evaluate(variables, random));
            long hi = integer(arguments.get(1).evaluate(variables, random));
            if (function == Function.RANDOM) {
                return Distributions.uniform(random, lo, hi);
            }
            double parameter = arguments.get(2).evaluate(variables, random).doubleValue();
            return switch (function) {
                case EXPONENTIAL -> Distributions.exponential(random, lo, hi, parameter);
                case GAUSSIAN -> Distributions.gaussian(random, lo, hi, parameter);
                case ZIPFIAN -> Distributions.zipfian(random, lo, hi, parameter);
                case RANDOM -> throw new IllegalStateException();
            };
        }

        private long integer(Number value) {
            if (value instanceof Long l) {
                return l;
            }
            throw new ArithmeticException(function.label + "'s bounds must be integers, got " + value);
        }

        @Override
        public void variables(Set<String> into) {
            arguments.forEach(a -> a.variables(into));
        }
    }

    enum Function {
        RANDOM("random", 2), EXPONENTIAL("random_exponential", 3), GAUSSIAN("random_gaussian", 3),
        ZIPFIAN("random_zipfian", 3);

        final String label;
        final int arity;

        Function(String label, int arity) {
            this.label = label;
            this.arity = arity;
        }

        static Function find(String name) {
            for (Function f : values()) {
                if (f.label.equals(name)) {
                    return f;
                }
            }
            return null;
        }

        static String labels() {
            return "random, random_exponential, random_gaussian, random_zipfian";
        }
    }
}
