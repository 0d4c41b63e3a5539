package dev.dbpool.plan;


import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Says how a configured pool size compares with the size the traffic needs (Erlang C), in the table
 * and in a sentence.
 */
final class PoolSizeAdvice {

    private PoolSizeAdvice() {
    }

    /**
     * For the table: {@code too small: peak needs 15}, {@code fit leaves 9 < peak 11},
     * {@code ample: peak needs 4} (half the max or less would do; the rest is burst room or waste),
     * {@code ok: peak needs 9}, or {@code too small: peak needs more than 100} (the server's max_connections).
     */
    static String shortForm(int max, OptionalInt fitted, int recommended, int serverMax) {
        String needs = needs(recommended, serverMax);
        if (recommended > max) {
            return "too small: peak needs " + needs;
        }
        if (fitted.isPresent() && fitted.getAsInt() < recommended) {
            return "fit leaves " + fitted.getAsInt() + " < peak " + recommended;
        }
        if (recommended * 2 <= max) {
            return "ample: peak needs " + recommended;
        }
        return "ok: peak needs " + recommended;
    }

    private static String needs(int recommended, int serverMax) {
        return recommended > serverMax ? "more than " + serverMax : String.valueOf(recommended);
    }

    /** A full sentence when the size needs attention (too small, or cut too far by the fit). */
    static Optional<String> sentence(ServicePlan service, Traffic traffic, double threshold, double maxWaitProbability,
                                     OptionalInt fitted, int recommended, int serverMax, double shedRatio) {
        String hold = figure(traffic.holdMs());
        String why = figure(traffic.peakQps()) + " qps at peak x " + hold
                + " ms held, over " + service.replicas() + (service.replicas() == 1 ? " replica" : " replicas")
                + String.format(Locale.ROOT, traffic.erlangsPerReplica(service.replicas()) < 1e6
                        ? " (%.2f connections busy on average per replica)" : " (%.3g connections busy on average per replica)",
                traffic.erlangsPerReplica(service.replicas()))
                + ", needs " + (recommended > serverMax ? "more than the server's max_connections (" + serverMax + ")"
                : String.valueOf(recommended)) + " connections per replica for a wait longer than " + hold
                + " ms to stay at or under " + percent(maxWaitProbability);
        if (recommended > service.maxConnections()) {
            return Optional.of(service.name() + ": " + why + "; its pool max is " + service.maxConnections()
                    + ", so at peak requests queue (the default codel admission sheds them once a queue stands),"
                    + " and the " + threshold + " threshold policy would shed about " + percent(shedRatio)
                    + " of requests");
        }
        if (fitted.isPresent() && fitted.getAsInt() < recommended) {
            return Optional.of(service.name() + ": " + why + "; the fit leaves it " + fitted.getAsInt());
        }
        return Optional.empty();
    }

    /** A traffic figure as written when it is short, in scientific notation when it is not. */
    private static String figure(java.math.BigDecimal value) {
        String plain = value.stripTrailingZeros().toPlainString();
        return plain.length() <= 16 ? plain : String.format(Locale.ROOT, "%.6g", value.doubleValue());
    }

    static String percent(double ratio) {
        double pct = ratio * 100;
        String text = String.format(Locale.ROOT, pct >= 10 || pct == 0 ? "%.0f" : pct >= 1 ? "%.1f" : "%.2f", pct);
        return text.replaceAll("\\.0+$", "") + "%";
    }
}
