package dev.dbpool.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns the JSON files of several JMH runs of {@link AcquireBenchmark} ({@code -rf json}) into the
 * Markdown tables of {@code docs/benchmarks.md}: per target, thread count and method, the median of
 * every measured iteration of every file, its spread, the cost added over {@code hikariBaseline}
 * and how each method scales from one thread to many.
 *
 * <p>Several files because {@code bench/run-jmh.sh} runs each method in its own JVM, in rotating
 * order, several rounds: on a machine shared with other work, load that drifts over minutes then
 * falls on every method alike instead of on whichever ran last.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.dbpool.bench.JmhSummary bench/results/jmh/*.json</pre>
 */
public final class JmhSummary {

    static final String BASELINE = "hikariBaseline";
    /** HikariCP with Micrometer's tracker, as Spring Boot configures it: what a service runs today. */
    static final String MICROMETER = "hikariMicrometer";
    static final String BACKPRESSURE = "acquireWithBackpressure";
    static final String METRICS = "acquireWithMetrics";
    static final String DATA_SOURCE = "dataSource";
    static final List<String> METHOD_ORDER = List.of(BASELINE, MICROMETER, METRICS, BACKPRESSURE, DATA_SOURCE);
    static final List<String> TARGET_ORDER = List.of(BenchTarget.STUB, BenchTarget.POSTGRES);
    static final List<String> POLICY_ORDER = List.of("threshold", "codel", "none");
    /** The default policy, whose one-thread cost the target is about. */
    static final String DEFAULT_POLICY = "codel";
    /** The target: what the default policy's acquireWithBackpressure may add over bare HikariCP at one thread. */
    static final double TARGET_ADDED_NS = 100.0;
    /** The target: acquireWithMetrics over bare HikariCP, stub driver, at the highest thread count. */
    static final double TARGET_CONTENDED_RATIO = 1.25;

    /**
     * Every measured iteration of one (target, threads, method, policy), merged over files and forks;
     * {@code policy} is empty except for {@code acquireWithBackpressure} and {@code dataSource} (their {@code -p policy}).
     */
    record Cell(String target, int threads, String method, String policy, List<Double> nsPerOp,
                List<Double> bytesPerOp, long acquired, long rejected, long calls, long cpuNanos) {

        /** The method as the tables show it: {@code `acquireWithBackpressure` codel}. */
        String label() {
            return "`" + method + "`" + (policy.isEmpty() ? "" : " " + policy);
        }

        double median() {
            return percentile(nsPerOp, 50);
        }

        double min() {
            return percentile(nsPerOp, 0);
        }

        double max() {
            return percentile(nsPerOp, 100);
        }

        double medianBytes() {
            return bytesPerOp.isEmpty() ? Double.NaN : percentile(bytesPerOp, 50);
        }

        /**
         * Connections handed out per second by all threads together: threads / median time per
         * call, less the calls that backpressure rejected.
         */
        double acquiredPerSecond() {
            double calls = threads * 1e9 / median();
            return Double.isNaN(rejectedShare()) ? calls : calls * (1 - rejectedShare());
        }

        /** CPU time of the benchmark threads per call ({@link AcquireBenchmark.CpuTime}), or NaN without it. */
        double cpuPerCall() {
            return calls == 0 ? Double.NaN : (double) cpuNanos / calls;
        }

        /** Share of backpressure calls that were rejected, or NaN for the other methods. */
        double rejectedShare() {
            long calls = acquired + rejected;
            return calls == 0 ? Double.NaN : (double) rejected / calls;
        }
    }

    private final Map<String, Cell> cells = new TreeMap<>();

    public static void main(String[] args) throws IOException {
        JmhSummary summary = new JmhSummary();
        readResultFiles("JmhSummary", args, summary::add);
        summary.print(new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    /**
     * Reads each JMH JSON result file named in {@code args} into {@code add}; with none, prints the usage of
     * {@code program} and exits 2. Shared by the summaries of the benchmarks' result files.
     */
    static void readResultFiles(String program, String[] args, Consumer<JsonNode> add) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: " + program + " RESULT.json...");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        for (String file : args) {
            add.accept(json.readTree(Path.of(file).toFile()));
        }
    }

    /** The benchmark method a JMH result is for ({@code acquireWithMetrics}), without its class. */
    static String methodOf(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** Adds one JMH JSON result file (an array of benchmark results). */
    void add(JsonNode results) {
        for (JsonNode result : results) {
            String method = methodOf(result);
            String target = result.path("params").path("target").asText("?");
            int threads = result.path("threads").asInt();
            String policy = method.equals(BACKPRESSURE) || method.equals(DATA_SOURCE)
                    ? result.path("params").path("policy").asText("") : "";
            String key = TARGET_ORDER.indexOf(target) + "/" + String.format(Locale.ROOT, "%04d", threads) + "/"
                    + METHOD_ORDER.indexOf(method) + "/" + method + "/" + POLICY_ORDER.indexOf(policy) + "/" + policy;
            Cell old = cells.get(key);
            List<Double> ns = old == null ? new ArrayList<>() : new ArrayList<>(old.nsPerOp());
            List<Double> bytes = old == null ? new ArrayList<>() : new ArrayList<>(old.bytesPerOp());
            ns.addAll(raw(result.path("primaryMetric")));
            JsonNode secondary = result.path("secondaryMetrics");
            bytes.addAll(raw(secondary.path("gc.alloc.rate.norm")));
            long acquired = (old == null ? 0 : old.acquired()) + (long) sum(raw(secondary.path("acquired")));
            long rejected = (old == null ? 0 : old.rejected()) + (long) sum(raw(secondary.path("rejected")));
            long calls = (old == null ? 0 : old.calls()) + (long) sum(raw(secondary.path("calls")));
            long cpuNanos = (old == null ? 0 : old.cpuNanos()) + (long) sum(raw(secondary.path("cpuNanos")));
            cells.put(key, new Cell(target, threads, method, policy, ns, bytes, acquired, rejected, calls, cpuNanos));
        }
    }

    List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    void print(PrintStream out) {
        List<Cell> all = cells();
        if (all.isEmpty()) {
            out.println("(no results)");
            return;
        }
        printAgainstToday(out, all);
        out.println("| target | threads | method | median ns/call | min – max ns/call | added over baseline | B/call | rejected | acquired/s |");
        out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|");
        for (Cell cell : all) {
            Cell baseline = find(cell.target(), cell.threads(), BASELINE);
            String added = cell.method().equals(BASELINE) || baseline == null ? "—"
                    : signed(cell.median() - baseline.median()) + " ns";
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s – %s | %s | %s | %s | %s |%n",
                    cell.target(), cell.threads(), cell.label(), ns(cell.median()), ns(cell.min()),
                    ns(cell.max()), added, Double.isNaN(cell.medianBytes()) ? "—" : ns(cell.medianBytes()),
                    Double.isNaN(cell.rejectedShare()) ? "—" : percent(cell.rejectedShare()),
                    rate(cell.acquiredPerSecond()));
        }
        printScaling(out, all);
        printVerdict(out);
    }

    /**
     * The table a user reads first: per target and thread count, HikariCP as Spring Boot configures it
     * (the reference), then every dbpool row as a ratio to it, and bare HikariCP for scale.
     */
    private void printAgainstToday(PrintStream out, List<Cell> all) {
        if (all.stream().noneMatch(c -> c.method().equals(MICROMETER))) {
            return;
        }
        out.println("| target | threads | method | median ns/call | against `" + MICROMETER + "` | against `" + BASELINE
                + "` | CPU ns/call | CPU against `" + MICROMETER + "` |");
        out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (Cell cell : all) {
            Cell today = find(cell.target(), cell.threads(), MICROMETER);
            if (today == null) {
                continue;
            }
            Cell bare = find(cell.target(), cell.threads(), BASELINE);
            out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", cell.target(), cell.threads(),
                    cell.method().equals(MICROMETER) ? "**" + cell.label() + "** (reference)" : cell.label(),
                    ns(cell.median()), cell == today ? "—" : ratio(cell.median() / today.median()),
                    bare == null || cell == bare ? "—" : ratio(cell.median() / bare.median()),
                    Double.isNaN(cell.cpuPerCall()) ? "—" : ns(cell.cpuPerCall()),
                    cell == today || Double.isNaN(cell.cpuPerCall() / today.cpuPerCall()) ? "—"
                            : ratio(cell.cpuPerCall() / today.cpuPerCall()));
        }
        out.println();
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "×%.2f", value);
    }

    /** Median at the highest thread count over median at one thread, per target and method. */
    private void printScaling(PrintStream out, List<Cell> all) {
        int most = all.stream().mapToInt(Cell::threads).max().orElse(1);
        if (most == 1) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "| target | method | 1 thread | %d threads | %d threads / 1 thread | rejected at %d |%n",
                most, most, most);
        out.println("|---|---|---:|---:|---:|---:|");
        for (Cell one : all) {
            Cell many = one.threads() == 1 ? find(one.target(), most, one.method(), one.policy()) : null;
            if (many != null) {
                double ratio = many.median() / one.median();
                out.printf(Locale.ROOT, "| %s | %s | %s | %s | ×%s | %s |%n", one.target(), one.label(),
                        ns(one.median()), ns(many.median()),
                        String.format(Locale.ROOT, ratio >= 1 ? "%.1f" : "%.2f", ratio),
                        Double.isNaN(many.rejectedShare()) ? "—" : percent(many.rejectedShare()));
            }
        }
    }

    private void printVerdict(PrintStream out) {
        Cell baseline = find(BenchTarget.STUB, 1, BASELINE, "");
        Cell backpressure = find(BenchTarget.STUB, 1, BACKPRESSURE, DEFAULT_POLICY);
        if (baseline != null && backpressure != null) {
            double added = backpressure.median() - baseline.median();
            out.println();
            out.printf(Locale.ROOT, "Added cost of `%s` %s over `%s`, stub driver, 1 thread (medians): %s ns, %s B/call against %s; "
                            + "target ≤ %.0f ns and no more bytes: %s%n",
                    BACKPRESSURE, DEFAULT_POLICY, BASELINE, signed(added), bytes(backpressure.medianBytes()),
                    bytes(baseline.medianBytes()), TARGET_ADDED_NS,
                    added <= TARGET_ADDED_NS && !allocatesMore(backpressure, baseline) ? "met" : "NOT met");
        }
        int most = cells.values().stream().mapToInt(Cell::threads).max().orElse(1);
        List<String> againstToday = new ArrayList<>();
        boolean heldEverywhere = true;
        for (int threads : new int[] {1, most}) {
            Cell today = find(BenchTarget.STUB, threads, MICROMETER, "");
            Cell defaultPath = find(BenchTarget.STUB, threads, BACKPRESSURE, DEFAULT_POLICY);
            if (today != null && defaultPath != null && (threads == 1 || most > 1)) {
                double ratio = defaultPath.median() / today.median();
                againstToday.add(String.format(Locale.ROOT, "%d thread%s ×%.2f", threads, threads == 1 ? "" : "s", ratio));
                heldEverywhere &= ratio <= 1.0;
            }
        }
        if (!againstToday.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "`%s` %s (the default path) over `%s`, stub driver (medians): %s; target ≤ ×1.00: %s%n",
                    BACKPRESSURE, DEFAULT_POLICY, MICROMETER, String.join(", ", new java.util.LinkedHashSet<>(againstToday)),
                    heldEverywhere ? "met" : "NOT met");
        }
        Cell contendedBaseline = find(BenchTarget.STUB, most, BASELINE, "");
        Cell contendedMetrics = find(BenchTarget.STUB, most, METRICS, "");
        if (most > 1 && contendedBaseline != null && contendedMetrics != null) {
            double ratio = contendedMetrics.median() / contendedBaseline.median();
            out.println();
            out.printf(Locale.ROOT, "`%s` over `%s`, stub driver, %d threads (medians): ×%.2f; target ≤ ×%.2f: %s%n",
                    METRICS, BASELINE, most, ratio, TARGET_CONTENDED_RATIO,
                    ratio <= TARGET_CONTENDED_RATIO ? "met" : "NOT met");
        }
    }

    /**
     * Whether {@code cell} allocates more per call than {@code baseline}, in whole bytes: an object
     * is at least 16 bytes, while {@code gc.alloc.rate.norm} also spreads the JVM's background
     * allocation over the calls, a few thousandths of a byte per call that differ with the call's
     * speed (56.0049 against 56.0024 B for the same 56-byte proxy).
     */
    static boolean allocatesMore(Cell cell, Cell baseline) {
        return Math.round(cell.medianBytes()) > Math.round(baseline.medianBytes());
    }

    private Cell find(String target, int threads, String method) {
        return find(target, threads, method, "");
    }

    private Cell find(String target, int threads, String method, String policy) {
        return cells.values().stream()
                .filter(c -> c.target().equals(target) && c.threads() == threads && c.method().equals(method)
                        && c.policy().equals(policy))
                .findFirst().orElse(null);
    }

    private static String bytes(double value) {
        return Double.isNaN(value) ? "—" : ns(value);
    }

    /** Every iteration score of a metric: {@code rawData} is one array per fork. */
    static List<Double> raw(JsonNode metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                values.add(iteration.asDouble());
            }
        }
        return values;
    }

    static double sum(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Nearest-rank percentile (0 = min, 50 = median with the mean of the middle two, 100 = max). */
    static double percentile(List<Double> values, double p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p == 50 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String ns(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String signed(double value) {
        return (value >= 0 ? "+" : "−") + ns(Math.abs(value));
    }

    static String rate(double perSecond) {
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.2f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f %%", share * 100);
    }
}
