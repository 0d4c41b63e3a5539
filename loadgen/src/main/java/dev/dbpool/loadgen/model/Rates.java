package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arrival rates of a soak, as typed: one rate ({@code 1500}), a list ({@code 500,1000,2000}) or a
 * range with a step ({@code 500..4000/500}: 500, 1000, ..., 4000), at most {@value #MAX} of them.
 */
public final class Rates {

    public static final int MAX = 50;
    private static final Pattern RANGE = Pattern.compile("(.+)\\.\\.(.+)/(.+)");

    private Rates() {
    }

    /**
     * @param source the flag, for messages ({@code --rate})
     * @throws InvalidConfigException naming the flag and the value: not a positive number, an empty range,
     *                                more than {@value #MAX} rates, a rate given twice
     */
    public static List<Double> parse(String text, String source) {
        String s = text == null ? "" : text.strip();
        Matcher range = RANGE.matcher(s);
        List<Double> rates;
        if (range.matches()) {
            rates = range(source, s, number(source, s, range.group(1)), number(source, s, range.group(2)),
                    number(source, s, range.group(3)));
        } else {
            rates = new ArrayList<>();
            for (String part : s.split(",", -1)) {
                rates.add(number(source, s, part));
            }
        }
        if (rates.size() > MAX) {
            throw new InvalidConfigException(String.format(Locale.ROOT, "%s '%s' gives %d rates; at most %d (each is "
                    + "a full set of runs)", source, s, rates.size(), MAX));
        }
        Set<Double> distinct = new LinkedHashSet<>(rates);
        if (distinct.size() != rates.size()) {
            throw new InvalidConfigException(source + " '" + s + "' gives a rate twice");
        }
        return List.copyOf(rates);
    }

    private static List<Double> range(String source, String text, double from, double to, double step) {
        if (to < from) {
            throw new InvalidConfigException(source + " '" + text + "' is an empty range: it ends below where it "
                    + "starts (FROM..TO/STEP with FROM <= TO)");
        }
        double count = Math.floor((to - from) / step + 1e-9) + 1;
        if (count > MAX) {
            throw new InvalidConfigException(String.format(Locale.ROOT, "%s '%s' gives %.0f rates; at most %d (each is "
                    + "a full set of runs)", source, text, count, MAX));
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // from + i * step, rounded to a millionth so that 0.1 steps do not drift
            rates.add(Math.round((from + i * step) * 1e6) / 1e6);
        }
        return rates;
    }

    private static double number(String source, String text, String part) {
        String p = part.strip();
        double value;
        try {
            value = Double.parseDouble(p);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value > 0) || !Double.isFinite(value) || p.isEmpty() || !p.matches("[0-9.eE+]+")) {
            throw new InvalidConfigException(source + " must be a positive number of arrivals per second, a list "
                    + "(500,1000,2000) or a range (500..4000/500), got '" + p + "'"
                    + (p.equals(text) ? "" : " in '" + text + "'"));
        }
        return value;
    }
}
