package dev.dbpool.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of {@link VirtualThreadBenchmark}'s JSON results ({@code bench/virtual-threads.sh} writes
 * them): per target and row, wall time per call (median of every measured iteration of every file),
 * connections handed out per second, the share of calls admission rejected, and process CPU time per
 * connection handed out, each against HikariCP with Micrometer's tracker.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.dbpool.bench.VirtualThreadSummary bench/results/virtual-threads/*.json</pre>
 */
public final class VirtualThreadSummary {

    /** Every measured iteration of one (target, row), merged over files. */
    record Row(String target, String method, String policy, List<Double> nsPerCall, long acquired,
               long rejected, long cpuNanos) {

        String label() {
            return "`" + method + "`" + (policy.isEmpty() ? "" : " " + policy);
        }

        double median() {
            return JmhSummary.percentile(nsPerCall, 50);
        }

        double rejectedShare() {
            return acquired + rejected == 0 ? Double.NaN : (double) rejected / (acquired + rejected);
        }

        /** Calls per second over the median call time, less the rejected share. */
        double acquiredPerSecond() {
            return 1e9 / median() * (1 - rejectedShare());
        }

        double cpuNanosPerAcquisition() {
            return acquired == 0 ? Double.NaN : (double) cpuNanos / acquired;
        }
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public static void main(String[] args) throws IOException {
        VirtualThreadSummary summary = new VirtualThreadSummary();
        JmhSummary.readResultFiles("VirtualThreadSummary", args, summary::add);
        summary.print(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    void add(JsonNode results) {
        for (JsonNode result : results) {
            String method = JmhSummary.methodOf(result);
            String target = result.path("params").path("target").asText("?");
            String policy = method.equals(JmhSummary.BACKPRESSURE) ? result.path("params").path("policy").asText("") : "";
            String key = JmhSummary.TARGET_ORDER.indexOf(target) + "/" + JmhSummary.METHOD_ORDER.indexOf(method) + "/"
                    + JmhSummary.POLICY_ORDER.indexOf(policy) + "/" + method + "/" + policy;
            Row old = rows.get(key);
            List<Double> ns = old == null ? new ArrayList<>() : new ArrayList<>(old.nsPerCall());
            ns.addAll(JmhSummary.raw(result.path("primaryMetric")));
            JsonNode secondary = result.path("secondaryMetrics");
            rows.put(key, new Row(target, method, policy, ns,
                    (old == null ? 0 : old.acquired()) + total(secondary, "acquired"),
                    (old == null ? 0 : old.rejected()) + total(secondary, "rejected"),
                    (old == null ? 0 : old.cpuNanos()) + total(secondary, "cpuNanos")));
        }
    }

    private static long total(JsonNode secondary, String counter) {
        return (long) JmhSummary.sum(JmhSummary.raw(secondary.path(counter)));
    }

    List<Row> rows() {
        return List.copyOf(rows.values());
    }

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "| target | row | ns/call (median) | acquired/s | against `%s` | rejected | CPU ns/acquisition | against `%s` |%n",
                JmhSummary.MICROMETER, JmhSummary.MICROMETER);
        out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (Row row : rows()) {
            Row today = rows().stream().filter(r -> r.target().equals(row.target())
                    && r.method().equals(JmhSummary.MICROMETER)).findFirst().orElse(null);
            boolean reference = row == today;
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", row.target(),
                    reference ? "**" + row.label() + "** (reference)" : row.label(), JmhSummary.ns(row.median()),
                    JmhSummary.rate(row.acquiredPerSecond()),
                    today == null || reference ? "—" : JmhSummary.ratio(row.acquiredPerSecond() / today.acquiredPerSecond()),
                    row.method().equals(JmhSummary.BACKPRESSURE) ? JmhSummary.percent(row.rejectedShare()) : "—",
                    JmhSummary.ns(row.cpuNanosPerAcquisition()),
                    today == null || reference ? "—"
                            : JmhSummary.ratio(row.cpuNanosPerAcquisition() / today.cpuNanosPerAcquisition()));
        }
    }
}
