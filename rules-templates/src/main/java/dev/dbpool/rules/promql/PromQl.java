package dev.dbpool.rules.promql;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Small, literal PromQL building blocks: selectors, numbers and regex alternations. Expressions
 * are written as PromQL text around these (readable in the generated files); this class only
 * makes sure metric names, label values and numbers are spelled the same way everywhere.
 */
public final class PromQl {

    /** The bucket bound label of a Prometheus histogram. */
    public static final String LE = "le";

    private PromQl() {
    }

    /** {@code name_bucket}: the bucket counters of the histogram {@code name}. */
    public static String buckets(String histogram) {
        return histogram + "_bucket";
    }

    /** {@code name_count}: how many observations the histogram {@code name} has made. */
    public static String count(String histogram) {
        return histogram + "_count";
    }

    /** One label matcher: {@code label="value"}, {@code label=~"regex"}, {@code label!~"regex"}. */
    public record LabelMatcher(String label, String operator, String value) {
        @Override
        public String toString() {
            return label + operator + '"' + escapeString(value) + '"';
        }
    }

    public static LabelMatcher eq(String label, String value) {
        return new LabelMatcher(label, "=", value);
    }

    public static LabelMatcher regex(String label, String regex) {
        return new LabelMatcher(label, "=~", regex);
    }

    public static LabelMatcher notRegex(String label, String regex) {
        return new LabelMatcher(label, "!~", regex);
    }

    /** {@code metric} or {@code metric{a="b", c=~"d"}}. */
    public static String selector(String metric, LabelMatcher... matchers) {
        return selector(metric, List.of(matchers));
    }

    public static String selector(String metric, List<LabelMatcher> matchers) {
        if (matchers.isEmpty()) {
            return metric;
        }
        return metric + matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    /**
     * A number as people write it: {@code 0.8}, {@code 5}, {@code 0.01}; never {@code 5.0} or
     * {@code 1.0E-2}. The text parses back to exactly the same double.
     */
    public static String number(double value) {
        BigDecimal shortest = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        return shortest.scale() < 0 ? shortest.setScale(0).toPlainString() : shortest.toPlainString();
    }

    /** {@code a|b|c} where each value matches only itself (RE2 metacharacters escaped). */
    public static String alternation(Collection<String> literals) {
        return literals.stream().map(PromQl::quoteRegex).collect(Collectors.joining("|"));
    }

    /** A regex that matches exactly {@code literal} in RE2 (Prometheus anchors label regexes itself). */
    public static String quoteRegex(String literal) {
        StringBuilder quoted = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.toString();
    }

    /** The body of a double-quoted PromQL string literal. */
    public static String escapeString(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
