package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;

/**
 * When a 1 s window counts as "back to steady state", for time to impact and time to recover.
 *
 * <p>The reference is one for every run of a soak: the best steady goodput ratio among the runs (the
 * median of each run's 1 s cohorts before the first fault; the best run's) and that run's steady p99.
 * A cohort (the requests due to start in one second) is within tolerance when both hold:
 * <ul>
 *   <li>its goodput ratio (requests that succeeded within the deadline / requests due in it) is at
 *       least the reference ratio minus {@code goodputRatioDrop};</li>
 *   <li>its p99 latency (every finished request of the cohort, from its intended start) is at most
 *       {@code p99Factor} × the reference p99 or the reference p99 + {@code p99Slack}, whichever is higher.</li>
 * </ul>
 * Recovery needs {@code consecutiveWindows} such windows in a row.
 */
public record RecoveryTolerance(double goodputRatioDrop, double p99Factor, Duration p99Slack, int consecutiveWindows) {

    public static final RecoveryTolerance DEFAULTS = new RecoveryTolerance(0.05, 3.0, Duration.ofMillis(50), 3);

    public RecoveryTolerance {
        if (!(goodputRatioDrop >= 0 && goodputRatioDrop <= 1)) {
            throw new InvalidConfigException("goodputRatioDrop must be from 0 to 1, got '" + goodputRatioDrop + "'");
        }
        if (!(p99Factor >= 1)) {
            throw new InvalidConfigException("p99Factor must be at least 1, got '" + p99Factor + "'");
        }
        if (p99Slack == null || p99Slack.isNegative()) {
            throw new InvalidConfigException("p99Slack must not be negative, got '" + p99Slack + "'");
        }
        if (consecutiveWindows < 1) {
            throw new InvalidConfigException("consecutiveWindows must be positive, got '" + consecutiveWindows + "'");
        }
    }
}
