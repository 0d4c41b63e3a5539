package dev.dbpool.cli;

import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.analysis.Comparison;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.analysis.RunAnalysis;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A {@code --fail-on} threshold, like k6's: {@code [MODE.]METRIC OP VALUE}, for example {@code ttr>5s},
 * {@code timed_out>0}, {@code wait.p99>2s}, {@code goodput_ratio<0.9}, {@code timed_out_reduction<90%},
 * {@code deadline.goodput_gain<1}.
 *
 * <p>Without a mode a run metric reads the primary policy's run (the default policy when it ran, else
 * the first policy), or the only run; a comparison metric reads the primary policy's comparison, and
 * with a policy as mode that policy's ({@code by_mode}). Times take a unit ({@code 500ms}, {@code 5s});
 * a bare number is the metric's own unit (seconds for {@code ttr}/{@code tti}, milliseconds for
 * latencies). A time to recover or impact that never came counts as infinite: {@code ttr>5s} is
 * breached by a run that never recovered. A comparison that could not be made ({@code null} in
 * report.json) counts as the worst value for the policy (minus infinity), as the verdict counts it
 * "not held": {@code ttr_reduction<0.83} is breached by a policy that never recovered.
 */
public record FailOn(String text, Mode mode, Metric metric, Operator operator, double threshold) {

    private static final Pattern FORM = Pattern.compile("(?:([a-z]+)\\.)?([a-z_0-9]+)\\s*(>=|<=|==|!=|=|>|<)\\s*(.+)");

    /** What a rule can test, with the unit its bare numbers are in. */
    public enum Metric {
        OFFERED("offered", Unit.COUNT, r -> r.offered()),
        SUCCEEDED("succeeded", Unit.COUNT, r -> r.succeeded()),
        REJECTED("rejected", Unit.COUNT, r -> r.rejected()),
        TIMED_OUT("timed_out", Unit.COUNT, r -> r.timedOut()),
        ERRORS("errors", Unit.COUNT, r -> r.errors()),
        SUCCESS_RATIO("success_ratio", Unit.FRACTION, r -> r.offered() == 0 ? Double.NaN : (double) r.succeeded() / r.offered()),
        GOODPUT("goodput", Unit.COUNT, r -> r.goodput()),
        LATE("late", Unit.COUNT, r -> r.late()),
        GOODPUT_RATIO("goodput_ratio", Unit.FRACTION, r -> r.goodputRatio()),
        STEADY_SHED_RATIO("steady_shed_ratio", Unit.FRACTION, r -> r.steadyShedRatio()),
        MAX_UTILIZATION("max_utilization", Unit.FRACTION, r -> r.maxUtilization()),
        TTR("ttr", Unit.SECONDS, r -> orInfinity(r.timeToRecoverSeconds())),
        TTI("tti", Unit.SECONDS, r -> orInfinity(r.timeToImpactSeconds())),
        P50("p50", Unit.MILLIS, r -> r.latency().p50()),
        P95("p95", Unit.MILLIS, r -> r.latency().p95()),
        P99("p99", Unit.MILLIS, r -> r.latency().p99()),
        P999("p999", Unit.MILLIS, r -> r.latency().p999()),
        MAX("max", Unit.MILLIS, r -> r.latency().max()),
        TIMED_OUT_REDUCTION("timed_out_reduction", Unit.FRACTION, null),
        TTR_REDUCTION("ttr_reduction", Unit.FRACTION, null),
        GOODPUT_GAIN("goodput_gain", Unit.FRACTION, null);

        private final String key;
        private final Unit unit;
        private final ToDoubleFunction<RunAnalysis> read;

        Metric(String key, Unit unit, ToDoubleFunction<RunAnalysis> read) {
            this.key = key;
            this.unit = unit;
            this.read = read;
        }

        public String key() {
            return key;
        }

        /** Reads the comparison rather than one run. */
        public boolean comparison() {
            return read == null;
        }

        static Optional<Metric> find(String key) {
            String k = switch (key) {
                case "time_to_recover_s", "time_to_recover" -> "ttr";
                case "time_to_impact_s", "time_to_impact" -> "tti";
                default -> key;
            };
            return Arrays.stream(values()).filter(m -> m.key.equals(k)).findFirst();
        }

        static String keys() {
            return Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", "));
        }
    }

    enum Unit { COUNT, FRACTION, SECONDS, MILLIS }

    public enum Operator {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double actual, double threshold) {
            if (Double.isNaN(actual)) {
                return false;
            }
            return switch (this) {
                case GT -> actual > threshold;
                case GE -> actual >= threshold;
                case LT -> actual < threshold;
                case LE -> actual <= threshold;
                case EQ -> actual == threshold;
                case NE -> actual != threshold;
            };
        }

        static Operator of(String symbol) {
            return "=".equals(symbol) ? EQ : Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst().orElseThrow();
        }
    }

    /** One breached rule and the value that breached it. */
    public record Breach(FailOn rule, String actual) {
        @Override
        public String toString() {
            return rule.text() + " (was " + actual + ")";
        }
    }

    /**
     * @throws InvalidConfigException naming the text and what is wrong with it
     */
    public static FailOn parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new InvalidConfigException("--fail-on must be [MODE.]METRIC OP VALUE (for example ttr>5s or "
                    + "timed_out>0), got '" + text + "'");
        }
        Mode mode = null;
        if (m.group(1) != null) {
            mode = Mode.find(m.group(1)).orElseThrow(() -> new InvalidConfigException("--fail-on mode must be one of "
                    + Mode.labels() + ", got '" + m.group(1) + "' in '" + text + "'"));
        }
        Metric metric = Metric.find(m.group(2)).orElseThrow(() -> new InvalidConfigException(
                "--fail-on metric must be one of " + Metric.keys() + ", got '" + m.group(2) + "' in '" + text + "'"));
        if (metric.comparison() && mode != null && mode.isWait()) {
            throw new InvalidConfigException("--fail-on " + metric.key() + " compares a policy with wait; name a "
                    + "policy or no mode, got 'wait.' in '" + text + "'");
        }
        double threshold = value(metric, m.group(4).strip(), text);
        return new FailOn(text.strip(), mode, metric, Operator.of(m.group(3)), threshold);
    }

    /** Checks that the report will have what the rule reads, before spending minutes on the runs. */
    public void checkApplicable(List<Mode> modes) {
        if (metric.comparison() && !(modes.contains(Mode.WAIT) && modes.stream().anyMatch(x -> !x.isWait()))) {
            throw new InvalidConfigException("--fail-on " + text + " compares a policy with wait; it needs --mode "
                    + "with wait and a policy (for example wait," + Mode.DEFAULT_POLICY.label() + ")");
        }
        if (mode != null && !modes.contains(mode)) {
            throw new InvalidConfigException("--fail-on " + text + " reads the " + mode.label()
                    + " run, which --mode does not run");
        }
    }

    /** The breach, when the report breaches this rule. */
    public Optional<Breach> check(SoakReport report) {
        double actual;
        if (metric.comparison()) {
            Comparison c = report.comparison();
            if (c == null) {
                return Optional.empty();
            }
            Comparison.ModeComparison mc = c.byMode().get(mode != null ? mode : c.policy());
            if (mc == null) {
                return Optional.empty();
            }
            Double v = switch (metric) {
                case TIMED_OUT_REDUCTION -> mc.timedOutReduction();
                case TTR_REDUCTION -> mc.ttrReduction();
                default -> mc.goodputGain();
            };
            // not comparable is the worst value for the policy, never a pass in its favour
            actual = v == null ? Double.NEGATIVE_INFINITY : v;
        } else {
            Optional<RunAnalysis> run = mode != null ? report.run(mode) : Optional.of(report.primaryRun());
            if (run.isEmpty()) {
                return Optional.empty();
            }
            actual = metric.read.applyAsDouble(run.get());
        }
        return operator.test(actual, threshold) ? Optional.of(new Breach(this, format(actual))) : Optional.empty();
    }

    private String format(double actual) {
        if (Double.isNaN(actual)) {
            return "n/a";
        }
        if (Double.isInfinite(actual)) {
            return metric.comparison() ? "n/a" : "never";
        }
        return switch (metric.unit) {
            case COUNT -> String.format(Locale.ROOT, "%.0f", actual);
            case FRACTION -> String.format(Locale.ROOT, "%.3f", actual);
            case SECONDS -> String.format(Locale.ROOT, "%.0fs", actual);
            case MILLIS -> String.format(Locale.ROOT, "%.1fms", actual);
        };
    }

    private static double value(Metric metric, String raw, String text) {
        try {
            switch (metric.unit) {
                case SECONDS, MILLIS -> {
                    if (raw.matches("\\d+(\\.\\d+)?")) {
                        return Double.parseDouble(raw);
                    }
                    Duration d = DurationText.parse("--fail-on value in '" + text + "'", raw);
                    return metric.unit == Unit.SECONDS ? d.toNanos() / 1e9 : d.toNanos() / 1e6;
                }
                case FRACTION -> {
                    return raw.endsWith("%") ? Double.parseDouble(raw.substring(0, raw.length() - 1)) / 100
                            : Double.parseDouble(raw);
                }
                default -> {
                    return Double.parseDouble(raw);
                }
            }
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("--fail-on value must be a number"
                    + (metric.unit == Unit.SECONDS || metric.unit == Unit.MILLIS ? " or a duration such as 5s" : "")
                    + ", got '" + raw + "' in '" + text + "'");
        }
    }

    private static double orInfinity(Double value) {
        return value == null ? Double.POSITIVE_INFINITY : value;
    }
}
