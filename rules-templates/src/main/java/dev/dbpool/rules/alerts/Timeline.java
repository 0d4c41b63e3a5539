package dev.dbpool.rules.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * When a generated unit test looks at an alert. Rules are evaluated every
 * {@link #EVALUATION_INTERVAL}; input series are sampled every {@link #SAMPLE_INTERVAL} from 0.
 *
 * <p>An alert whose condition first holds at {@code onset} becomes pending there and fires at
 * the first evaluation at least {@code for} later ({@link #firstFiring()}); the evaluation
 * before that ({@link #lastPending()}) is the "just before {@code for} runs out" check.
 * {@link #STEADY} is long after every 5-minute window is full, where rates equal their slope.
 */
public record Timeline(Duration onset, Duration forDuration) {

    public static final Duration EVALUATION_INTERVAL = Duration.ofSeconds(15);
    public static final Duration SAMPLE_INTERVAL = Duration.ofMinutes(1);
    /** The range of every rate in the rules. */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(5);
    public static final Duration STEADY = Duration.ofMinutes(10);

    /** A gauge condition holds from the first sample. */
    public static final Duration GAUGE_ONSET = Duration.ZERO;
    /** {@code rate()} needs two samples: the first evaluation that has them is one sample in. */
    public static final Duration RATE_ONSET = SAMPLE_INTERVAL;

    public Timeline {
        if (forDuration.isZero() || forDuration.isNegative()) {
            throw new IllegalArgumentException("for must be positive: " + forDuration);
        }
    }

    public static Timeline gauge(Duration forDuration) {
        return new Timeline(GAUGE_ONSET, forDuration);
    }

    public static Timeline rate(Duration forDuration) {
        return new Timeline(RATE_ONSET, forDuration);
    }

    public Duration firstFiring() {
        long step = EVALUATION_INTERVAL.toMillis();
        long evaluations = (forDuration.toMillis() + step - 1) / step;
        return onset.plusMillis(evaluations * step);
    }

    public Duration lastPending() {
        return firstFiring().minus(EVALUATION_INTERVAL);
    }

    /** The evaluations at which the alert must fire: the first one, and steady state when later. */
    public List<Duration> firingChecks() {
        List<Duration> checks = new ArrayList<>(List.of(firstFiring()));
        if (STEADY.compareTo(firstFiring()) > 0) {
            checks.add(STEADY);
        }
        return checks;
    }

    /**
     * What {@code rate(counter[5m])} returns at {@code t} for a counter that starts at 0 at time 0
     * and grows by {@code perSecond}: Prometheus does not extrapolate a counter below zero, so while
     * the window is not yet full the rate is the slope scaled by the part of the window with data.
     * The same in Prometheus 2 (closed ranges) and 3 (left-open ranges).
     */
    public static double rateAt(double perSecond, Duration t) {
        double covered = Math.min(t.toMillis(), RATE_WINDOW.toMillis());
        return perSecond * covered / RATE_WINDOW.toMillis();
    }
}
