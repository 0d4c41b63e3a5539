package dev.dbpool.rules.alerts;

import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.model.Fleet;

import java.time.Duration;
import java.util.Locale;

/** What every alert definition is built from: the fleet and the emit options. */
public record AlertContext(Fleet fleet, EmitOptions options) {

    /** The {@code for} an alert runs with: its own, unless {@code --for-override} replaces it. */
    public Duration forOf(Duration designed) {
        return options.forOverride().orElse(designed);
    }

    /** The link to the alert's own section of the runbook. */
    public String runbookUrl(String alertName) {
        return options.runbookUrl() + "#" + anchor(alertName);
    }

    /**
     * The anchor GitHub (and most Markdown renderers) give a heading: lower case, punctuation
     * other than {@code -} and {@code _} dropped, spaces to hyphens.
     */
    public static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
