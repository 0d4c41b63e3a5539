package dev.dbpool.rules.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What Prometheus's alert templates print for a value, so that the generated unit tests can state
 * the exact annotations an alert carries.
 *
 * <p>Mirrors {@code humanizePercentage}, {@code humanizeDuration} and {@code printf "%.Nf"} from
 * Prometheus's template functions, which format with Go's {@code fmt}: correctly rounded, ties to
 * even, {@code %g} without trailing zeros. {@code promtool test rules} checks every string made
 * here against the real functions.
 */
public final class GoTemplateFormat {

    private static final String[] SMALL_PREFIXES = {"m", "u", "n", "p", "f", "a", "z", "y"};

    private GoTemplateFormat() {
    }

    /** {@code {{ $value | humanizePercentage }}}: {@code 0.8125} → {@code 81.25%}. */
    public static String humanizePercentage(double ratio) {
        return g4(ratio * 100) + "%";
    }

    /** {@code {{ $value | humanizeDuration }}} for a value in seconds: {@code 9.75} → {@code 9.75s}. */
    public static String humanizeDuration(double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("not a finite duration: " + seconds);
        }
        if (seconds == 0) {
            return "0s";
        }
        double v = seconds;
        if (Math.abs(v) >= 1) {
            String sign = v < 0 ? "-" : "";
            v = Math.abs(v);
            long whole = (long) v;
            long secs = whole % 60;
            long minutes = (whole / 60) % 60;
            long hours = (whole / 3600) % 24;
            long days = whole / 86400;
            if (days != 0) {
                return "%s%dd %dh %dm %ds".formatted(sign, days, hours, minutes, secs);
            }
            if (hours != 0) {
                return "%s%dh %dm %ds".formatted(sign, hours, minutes, secs);
            }
            if (minutes != 0) {
                return "%s%dm %ds".formatted(sign, minutes, secs);
            }
            return sign + g4(v) + "s";
        }
        String prefix = "";
        for (String p : SMALL_PREFIXES) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v) + prefix + "s";
    }

    /** {@code {{ printf "%.Nf" $value }}}: fixed decimals, ties to even on the exact binary value. */
    public static String fixed(double value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Go's {@code %.4g}: 4 significant digits, no trailing zeros, exponent form outside 1e-4..1e4. */
    static String g4(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal stripped = rounded.stripTrailingZeros();
        if (exponent < -4 || exponent >= 4) {
            BigDecimal mantissa = stripped.movePointLeft(exponent);
            String digits = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return digits + (exponent < 0 ? "e-" : "e+") + String.format("%02d", Math.abs(exponent));
        }
        return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
    }
}
