package dev.dbpool.rules.promql;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prometheus duration strings ({@code 5m}, {@code 1h30m}, {@code 15s}, {@code 500ms}) to and from
 * {@link Duration}, so that {@code for}, {@code eval_time} and {@code --for-override} share one syntax.
 */
public final class PromDuration {

    private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|[dhms]))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|[dhms])");

    private PromDuration() {
    }

    /** {@code 2m}, {@code 1h30m}, {@code 1m45s}, {@code 250ms}; zero is {@code 0s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDaysPart(), "d");
        append(text, duration.toHoursPart(), "h");
        append(text, duration.toMinutesPart(), "m");
        append(text, duration.toSecondsPart(), "s");
        append(text, duration.toMillisPart(), "ms");
        return text.toString();
    }

    /**
     * Parses a Prometheus duration: one or more {@code <number><unit>} with units {@code d h m s ms}.
     *
     * @throws IllegalArgumentException with a message that shows the accepted form
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (!WHOLE.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; use a number and a unit (ms, s, m, h, d), for example 5s or 1m30s");
        }
        Duration total = Duration.ZERO;
        Matcher part = PART.matcher(trimmed);
        while (part.find()) {
            long amount = Long.parseLong(part.group(1));
            total = total.plus(switch (part.group(2)) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMillis(amount);
            });
        }
        return total;
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }
}
