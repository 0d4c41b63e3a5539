package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the soak's simulated clients retry a failed request ({@code --retries}, {@code --retry-backoff},
 * {@code --retry-budget}, {@code --retry-on}).
 *
 * <p>A request whose attempt ended in one of {@code retryOn} is tried again, at most {@code retries}
 * times, after a pause drawn with full jitter: uniformly from [0, min({@link #MAX_BACKOFF},
 * backoff × 2<sup>n</sup>)) before retry n+1 (AWS's "exponential backoff and jitter"). A retry is a new
 * attempt with its own start, queued for a request thread like a new arrival; its deadline is still
 * measured from the request's intended start, so a request is good when some attempt succeeded within
 * the deadline from when the user asked.
 *
 * <p>The budget (the SRE book's per-client retry budget, gRPC's retry throttling): every first attempt
 * earns {@code budget} tokens, up to {@link #MAX_BANKED_TOKENS}, and a retry spends one; a retry with no
 * whole token left is not sent and the request fails with its last attempt's outcome. So retries are at
 * most {@code budget} × first attempts, and amplification (attempts / requests) at most 1 + budget.
 * {@code null} means no budget.
 *
 * @param retries at most this many retries per request; 0 turns retrying off
 * @param backoff the base of the exponential backoff
 * @param budget  retries at most this share of first attempts (0.0–1.0), or {@code null} for no budget
 * @param retryOn the outcomes that are retried (never {@code succeeded})
 */
public record RetryPolicy(int retries, Duration backoff, Double budget, Set<Outcome> retryOn) {

    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);
    public static final double DEFAULT_BUDGET = 0.1;
    public static final Set<Outcome> DEFAULT_RETRY_ON = Set.copyOf(EnumSet.of(Outcome.REJECTED, Outcome.TIMED_OUT,
            Outcome.ERROR));
    /** No single pause is longer, however many retries came before. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    /** Tokens a quiet stretch can bank: retries stay tied to the recent rate of first attempts. */
    public static final double MAX_BANKED_TOKENS = 100;
    /** The default: no retries (the soak's clients give up at the first failure). */
    public static final RetryPolicy NONE = new RetryPolicy(0, DEFAULT_BACKOFF, DEFAULT_BUDGET, DEFAULT_RETRY_ON);

    public RetryPolicy {
        if (retries < 0) {
            throw new InvalidConfigException("retries must be a non-negative integer, got '" + retries + "'");
        }
        if (backoff == null || backoff.isNegative() || backoff.isZero()) {
            throw new InvalidConfigException("retryBackoff must be a positive duration, got '"
                    + (backoff == null ? "" : DurationText.format(backoff)) + "'");
        }
        if (budget != null && !(budget >= 0.0 && budget <= 1.0)) {
            throw new InvalidConfigException("retryBudget must be a number from 0.0 to 1.0 or none, got '"
                    + number(budget) + "'");
        }
        if (retryOn == null || retryOn.isEmpty() || retryOn.contains(Outcome.SUCCEEDED)) {
            throw new InvalidConfigException("retryOn must be a comma list of " + retryableKeys()
                    + ", got '" + (retryOn == null ? "" : keys(retryOn)) + "'");
        }
        retryOn = Set.copyOf(retryOn);
    }

    public static RetryPolicy of(int retries) {
        return NONE.withRetries(retries);
    }

    public RetryPolicy withRetries(int value) {
        return new RetryPolicy(value, backoff, budget, retryOn);
    }

    public RetryPolicy withBackoff(Duration value) {
        return new RetryPolicy(retries, value, budget, retryOn);
    }

    /** {@code null} for no budget. */
    public RetryPolicy withBudget(Double value) {
        return new RetryPolicy(retries, backoff, value, retryOn);
    }

    public RetryPolicy withRetryOn(Set<Outcome> value) {
        return new RetryPolicy(retries, backoff, budget, value);
    }

    public boolean enabled() {
        return retries > 0;
    }

    /** Whether an attempt that ended so is retried (when attempts and budget are left). */
    public boolean retries(Outcome outcome) {
        return enabled() && retryOn.contains(outcome);
    }

    /**
     * The pause before retry {@code retry} (1 = the first retry), full jitter: {@code unit} (uniform in
     * [0, 1)) times min(MAX_BACKOFF, backoff × 2^(retry-1)).
     */
    public long backoffNanos(int retry, double unit) {
        double cap = Math.min(MAX_BACKOFF.toNanos(), backoff.toNanos() * Math.pow(2, Math.max(0, retry - 1)));
        return (long) (cap * unit);
    }

    /** {@code --retry-budget}: a number from 0.0 to 1.0, or {@code none}. */
    public static Double parseBudget(String text) {
        String s = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return null;
        }
        try {
            double value = Double.parseDouble(s);
            if (value >= 0.0 && value <= 1.0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, naming the flag and the value
        }
        throw new InvalidConfigException("retryBudget must be a number from 0.0 to 1.0 or none, got '" + text + "'");
    }

    /** {@code --retry-on}: a comma list of {@code rejected}, {@code timed_out}, {@code errors}. */
    public static Set<Outcome> parseRetryOn(String text) {
        Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
        for (String part : (text == null ? "" : text).split(",", -1)) {
            String key = part.strip().toLowerCase(Locale.ROOT);
            Outcome outcome = Arrays.stream(Outcome.values()).filter(o -> o != Outcome.SUCCEEDED)
                    .filter(o -> o.key().equals(key) || key.equals("error") && o == Outcome.ERROR)
                    .findFirst().orElseThrow(() -> new InvalidConfigException("retryOn must be a comma list of "
                            + retryableKeys() + ", got '" + part.strip() + "'"
                            + (text.contains(",") ? " in '" + text + "'" : "")));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** {@code rejected,timed_out,errors} in the outcomes' order. */
    public static String keys(Set<Outcome> outcomes) {
        return Arrays.stream(Outcome.values()).filter(outcomes::contains).map(Outcome::key)
                .collect(Collectors.joining(","));
    }

    private static String retryableKeys() {
        return "rejected, timed_out, errors";
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
