package dev.dbpool.rules.model;

import java.time.Duration;
import java.util.Optional;

/**
 * How to emit, apart from the fleet: where runbook links point and, for end-to-end tests only, a
 * {@code for} that replaces every alert's own (expressions never change).
 */
public record EmitOptions(String runbookUrl, Optional<Duration> forOverride) {

    /**
     * The runbook this repository ships, as a path in it: there is no public copy to point at, so a team
     * that serves its copy (its git host, its wiki) passes that page's address as {@code --runbook-url}.
     * Each alert links to its own heading.
     */
    public static final String DEFAULT_RUNBOOK_URL = "docs/runbook.md";

    public EmitOptions {
        if (runbookUrl == null || runbookUrl.isBlank() || runbookUrl.contains("#")) {
            throw new IllegalArgumentException("runbook URL must be a page without a #fragment, got '" + runbookUrl + "'");
        }
        forOverride.ifPresent(d -> {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("--for-override must be positive, got " + d);
            }
        });
    }

    public static EmitOptions ofDefaults() {
        return new EmitOptions(DEFAULT_RUNBOOK_URL, Optional.empty());
    }

    public EmitOptions withRunbookUrl(String url) {
        return new EmitOptions(url, forOverride);
    }

    public EmitOptions withForOverride(Duration forDuration) {
        return new EmitOptions(runbookUrl, Optional.of(forDuration));
    }
}
