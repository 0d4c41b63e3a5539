package dev.dbpool.cli;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak's parameters as loadgen names them in its messages ({@code rate must be positive}) and as the command
 * line spells them ({@code --rate}): the one table from the library's terms to the CLI's. A message names its
 * parameter first; a name of two words ({@code databaseUrl}) is a parameter wherever it stands, while a plain
 * word later in the sentence ({@code threshold} in a list of modes) is left as it is.
 */
final class ParameterFlags {

    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("service", "--service"),
            Map.entry("duration", "--duration"),
            Map.entry("rate", "--rate"),
            Map.entry("modes", "--mode"),
            Map.entry("threshold", "--threshold"),
            Map.entry("deadline", "--deadline"),
            Map.entry("fault", "--fault"),
            Map.entry("threads", "--threads"),
            Map.entry("warmup", "--warmup"),
            Map.entry("hold", "--hold"),
            Map.entry("writePercent", "--write-percent"),
            Map.entry("acquireTimeout", "--acquire-timeout"),
            Map.entry("capacityProbe", "--capacity-probe"),
            Map.entry("retries", "--retries"),
            Map.entry("retryBackoff", "--retry-backoff"),
            Map.entry("retryBudget", "--retry-budget"),
            Map.entry("retryOn", "--retry-on"),
            Map.entry("databaseUrl", "--database-url"),
            Map.entry("pgCtl", "--pg-ctl"),
            Map.entry("load", "--load"));

    private static final Pattern WORD = Pattern.compile("(?<![\\w-])([a-z]+(?:[A-Z][a-z]*)*)(?![\\w-])");

    private ParameterFlags() {
    }

    /** {@code rate must be positive (no databaseUrl)} as {@code --rate must be positive (no --database-url)}. */
    static String inFlags(String message) {
        Matcher m = WORD.matcher(message);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String word = m.group(1);
            boolean twoWords = !word.equals(word.toLowerCase(Locale.ROOT));
            boolean parameter = FLAGS.containsKey(word) && (m.start() == 0 || twoWords);
            m.appendReplacement(out, Matcher.quoteReplacement(parameter ? FLAGS.get(word) : word));
        }
        return m.appendTail(out).toString();
    }
}
