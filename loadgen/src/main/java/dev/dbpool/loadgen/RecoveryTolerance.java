package dev.dbpool.loadgen;

import dev.dbpool.runtime.InvalidConfigException;

import java.time.Duration;

/**
 * When a 1 s window counts as "back to steady state", for time to impact and time to recover.
 *
 * <p>A window is within tolerance when both hold:
 * <ul>
 *   <li>its success ratio (requests that succeeded / requests that were due to start in it) is at
 *       least the steady-state ratio minus {@code successRatioDrop}, or at least the worst steady
 *       window's ratio;</li>
 *   <li>its p99 latency (every request that finished in it, from its intended start) is at most
 *       {@code p99Factor} × the steady-state p99, or the steady-state p99 + {@code p99Slack}, or the
 *       worst steady window's p99, whichever is highest.</li>
 * </ul>
 * The steady state's own spread widens the band, so that noise that was there before the fault does
 * not count as damage. Recovery needs {@code consecutiveWindows} such windows in a row.
 */
public record RecoveryTolerance(double successRatioDrop, double p99Factor, Duration p99Slack, int consecutiveWindows) {

    public static final RecoveryTolerance DEFAULTS = new RecoveryTolerance(0.05, 3.0, Duration.ofMillis(50), 3);

    public RecoveryTolerance {
        if (!(successRatioDrop >= 0 && successRatioDrop <= 1)) {
            throw new InvalidConfigException("successRatioDrop must be from 0 to 1, got '" + successRatioDrop + "'");
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
