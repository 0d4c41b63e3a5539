package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people type them on a command line: {@code 500ms}, {@code 30s}, {@code 2m},
 * {@code 1m30s}, {@code 1.5s}; a bare number is seconds. The same text that {@link #format} prints.
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern BARE = Pattern.compile("\\d+(?:\\.\\d+)?");

    private DurationText() {
    }

    /**
     * Parses {@code text}; {@code what} names the flag or field in the error message.
     *
     * @throws InvalidConfigException {@code --duration must be a duration such as 500ms, 30s or 2m, got 'x'}
     */
    public static Duration parse(String what, String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (BARE.matcher(s).matches()) {
            return ofSeconds(Double.parseDouble(s));
        }
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int at = 0;
        while (at < s.length() && m.find(at) && m.start() == at) {
            double value = Double.parseDouble(m.group(1));
            nanos += Math.round(value * unitNanos(m.group(2)));
            at = m.end();
        }
        if (s.isEmpty() || at != s.length()) {
            throw new InvalidConfigException(what + " must be a duration such as 500ms, 30s or 2m, got '" + text + "'");
        }
        return Duration.ofNanos(nanos);
    }

    /** {@code 250ms}, {@code 30s}, {@code 1m30s}, {@code 2.5s}: short, and parseable again. */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0).replace(".0s", "s");
        }
        long seconds = millis / 1000;
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        if (seconds > 60) {
            return seconds / 60 + "m" + seconds % 60 + "s";
        }
        return seconds + "s";
    }

    private static Duration ofSeconds(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static double unitNanos(String unit) {
        return switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }
}
