package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault on the run's timeline: {@code KIND[:FACTOR]@START+LENGTH}, for example
 * {@code slowdown@20s+15s}, {@code kill@10s+5s}, {@code restart@30s+3s}, {@code spike:3@20s+10s},
 * {@code latency:40ms@10s+8s}, {@code blackhole@10s+8s}, {@code reset@22s+0s}.
 * Times are relative to the start of the measured run. Only {@code spike} takes a factor (default 3),
 * only {@code latency} a delay (required); {@code reset} is instantaneous and has length 0, every other
 * kind a positive length.
 *
 * @param factor the arrival-rate multiplier of a spike; 1.0 for every other kind
 * @param delay  what a latency fault adds to every chunk; {@link Duration#ZERO} for every other kind
 */
public record Fault(FaultKind kind, Duration start, Duration length, double factor, Duration delay) {

    public static final double DEFAULT_SPIKE_FACTOR = 3.0;
    public static final String SYNTAX = "KIND[:FACTOR]@START+LENGTH, KIND one of " + FaultKind.labels()
            + " (for example slowdown@20s+15s, spike:3@20s+10s, latency:40ms@10s+8s or reset@20s+0s)";

    private static final Pattern FORM = Pattern.compile("([a-z]+)(?::([^@]*))?@([^+]+)\\+(.+)");

    public Fault {
        if (kind == null) {
            throw new InvalidConfigException("fault kind must be one of " + FaultKind.labels());
        }
        if (start == null || start.isNegative()) {
            throw new InvalidConfigException("fault start must not be negative, got '" + start + "'");
        }
        if (kind == FaultKind.RESET ? length == null || !length.isZero()
                : length == null || length.isNegative() || length.isZero()) {
            throw new InvalidConfigException(kind == FaultKind.RESET
                    ? "a reset is instantaneous: its length must be 0s (reset@START+0s), got '" + length + "'"
                    : "fault length must be positive, got '" + length + "'");
        }
        if (kind == FaultKind.SPIKE ? !(factor > 0 && Double.isFinite(factor)) : factor != 1.0) {
            throw new InvalidConfigException(kind == FaultKind.SPIKE
                    ? "spike factor must be a positive number, got '" + factor + "'"
                    : kind.label() + " takes no factor; only spike does");
        }
        delay = delay == null ? Duration.ZERO : delay;
        if (kind == FaultKind.LATENCY ? delay.isNegative() || delay.isZero() : !delay.isZero()) {
            throw new InvalidConfigException(kind == FaultKind.LATENCY
                    ? "latency delay must be positive, got '" + DurationText.format(delay) + "'"
                    : kind.label() + " takes no delay; only latency does");
        }
    }

    /** A fault without a delay (every kind but latency). */
    public Fault(FaultKind kind, Duration start, Duration length, double factor) {
        this(kind, start, length, factor, Duration.ZERO);
    }

    public static Fault of(FaultKind kind, Duration start, Duration length) {
        return new Fault(kind, start, length, kind == FaultKind.SPIKE ? DEFAULT_SPIKE_FACTOR : 1.0);
    }

    /** {@code latency:DELAY@START+LENGTH}. */
    public static Fault latency(Duration delay, Duration start, Duration length) {
        return new Fault(FaultKind.LATENCY, start, length, 1.0, delay);
    }

    public static Fault spike(double factor, Duration start, Duration length) {
        return new Fault(FaultKind.SPIKE, start, length, factor);
    }

    /** The word that asks for no fault at all. */
    public static final String NONE = "none";

    /**
     * The faults of a command line: {@code defaults} when none is given, nothing for {@code none} alone,
     * else each parsed. {@code none} with other faults is a contradiction, said as such rather than as a
     * syntax error of {@code none}.
     *
     * @throws InvalidConfigException naming the faults
     */
    public static List<Fault> parseAll(List<String> specs, List<Fault> defaults) {
        if (specs.isEmpty()) {
            return defaults;
        }
        List<String> others = specs.stream().filter(s -> !NONE.equalsIgnoreCase(s.strip())).toList();
        if (others.size() == specs.size()) {
            return others.stream().map(Fault::parse).toList();
        }
        if (others.isEmpty()) {
            return List.of();
        }
        throw new InvalidConfigException("fault none means no fault and cannot be combined with other faults ("
                + String.join(", ", others) + "): drop one or the other");
    }

    /**
     * Parses the {@code --fault} syntax.
     *
     * @throws InvalidConfigException naming the text and the expected syntax
     */
    public static Fault parse(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new InvalidConfigException("fault must be " + SYNTAX + ", got '" + text + "'");
        }
        FaultKind kind = FaultKind.find(m.group(1)).orElseThrow(() -> new InvalidConfigException(
                "fault kind must be one of " + FaultKind.labels() + ", got '" + m.group(1) + "' in '" + text + "'"));
        double factor = kind == FaultKind.SPIKE ? DEFAULT_SPIKE_FACTOR : 1.0;
        Duration delay = Duration.ZERO;
        if (kind == FaultKind.LATENCY) {
            if (m.group(2) == null || m.group(2).isBlank()) {
                throw new InvalidConfigException("fault latency needs a delay, latency:DELAY@START+LENGTH "
                        + "(for example latency:40ms@10s+8s), got '" + text + "'");
            }
            delay = DurationText.parse("fault latency delay in '" + text + "'", m.group(2));
            if (delay.isZero()) {
                throw new InvalidConfigException("fault latency delay must be positive, got '" + text + "'");
            }
        } else if (m.group(2) != null) {
            if (kind != FaultKind.SPIKE) {
                throw new InvalidConfigException("fault " + kind.label() + " takes no factor, got '" + text + "'");
            }
            try {
                factor = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                factor = Double.NaN;
            }
            if (!(factor > 0 && Double.isFinite(factor))) {
                throw new InvalidConfigException("fault spike factor must be a positive number, got '" + text + "'");
            }
        }
        Duration start = DurationText.parse("fault start in '" + text + "'", m.group(3));
        Duration length = DurationText.parse("fault length in '" + text + "'", m.group(4));
        if (kind == FaultKind.RESET && !length.isZero()) {
            throw new InvalidConfigException("fault reset is instantaneous: its length must be 0s "
                    + "(reset@START+0s), got '" + text + "'");
        }
        if (length.isZero() && kind != FaultKind.RESET) {
            throw new InvalidConfigException("fault length must be positive, got '" + text + "'");
        }
        return new Fault(kind, start, length, factor, delay);
    }

    public Duration end() {
        return start.plus(length);
    }

    /** Whether the fault is under way {@code offset} after the start of the run. */
    public boolean activeAt(Duration offset) {
        return offset.compareTo(start) >= 0 && offset.compareTo(end()) < 0;
    }

    /** The same text that {@link #parse} reads. */
    @Override
    public String toString() {
        String factorText = kind == FaultKind.SPIKE
                ? ":" + (factor == Math.rint(factor) ? Long.toString((long) factor) : Double.toString(factor))
                : kind == FaultKind.LATENCY ? ":" + DurationText.format(delay) : "";
        return kind.label() + factorText + "@" + DurationText.format(start) + "+" + DurationText.format(length);
    }
}
