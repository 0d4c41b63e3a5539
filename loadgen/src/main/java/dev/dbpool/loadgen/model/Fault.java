package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.InvalidConfigException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fault on the run's timeline: {@code KIND[:FACTOR]@START+LENGTH}, for example
 * {@code slowdown@20s+15s}, {@code kill@10s+5s}, {@code restart@30s+3s}, {@code spike:3@20s+10s}.
 * Times are relative to the start of the measured run. Only {@code spike} takes a factor (default 3).
 *
 * @param factor the arrival-rate multiplier of a spike; 1.0 for every other kind
 */
public record Fault(FaultKind kind, Duration start, Duration length, double factor) {

    public static final double DEFAULT_SPIKE_FACTOR = 3.0;
    public static final String SYNTAX = "KIND[:FACTOR]@START+LENGTH, KIND one of " + FaultKind.labels()
            + " (for example slowdown@20s+15s or spike:3@20s+10s)";

    private static final Pattern FORM = Pattern.compile("([a-z]+)(?::([^@]*))?@([^+]+)\\+(.+)");

    public Fault {
        if (kind == null) {
            throw new InvalidConfigException("fault kind must be one of " + FaultKind.labels());
        }
        if (start == null || start.isNegative()) {
            throw new InvalidConfigException("fault start must not be negative, got '" + start + "'");
        }
        if (length == null || length.isNegative() || length.isZero()) {
            throw new InvalidConfigException("fault length must be positive, got '" + length + "'");
        }
        if (kind == FaultKind.SPIKE ? !(factor > 0 && Double.isFinite(factor)) : factor != 1.0) {
            throw new InvalidConfigException(kind == FaultKind.SPIKE
                    ? "spike factor must be a positive number, got '" + factor + "'"
                    : kind.label() + " takes no factor; only spike does");
        }
    }

    public static Fault of(FaultKind kind, Duration start, Duration length) {
        return new Fault(kind, start, length, kind == FaultKind.SPIKE ? DEFAULT_SPIKE_FACTOR : 1.0);
    }

    public static Fault spike(double factor, Duration start, Duration length) {
        return new Fault(FaultKind.SPIKE, start, length, factor);
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
            throw new InvalidConfigException("--fault must be " + SYNTAX + ", got '" + text + "'");
        }
        FaultKind kind = FaultKind.find(m.group(1)).orElseThrow(() -> new InvalidConfigException(
                "--fault kind must be one of " + FaultKind.labels() + ", got '" + m.group(1) + "' in '" + text + "'"));
        double factor = kind == FaultKind.SPIKE ? DEFAULT_SPIKE_FACTOR : 1.0;
        if (m.group(2) != null) {
            if (kind != FaultKind.SPIKE) {
                throw new InvalidConfigException("--fault " + kind.label() + " takes no factor, got '" + text + "'");
            }
            try {
                factor = Double.parseDouble(m.group(2));
            } catch (NumberFormatException e) {
                factor = Double.NaN;
            }
            if (!(factor > 0 && Double.isFinite(factor))) {
                throw new InvalidConfigException("--fault spike factor must be a positive number, got '" + text + "'");
            }
        }
        Duration start = DurationText.parse("--fault start in '" + text + "'", m.group(3));
        Duration length = DurationText.parse("--fault length in '" + text + "'", m.group(4));
        if (length.isZero()) {
            throw new InvalidConfigException("--fault length must be positive, got '" + text + "'");
        }
        return new Fault(kind, start, length, factor);
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
                : "";
        return kind.label() + factorText + "@" + DurationText.format(start) + "+" + DurationText.format(length);
    }
}
