package dev.dbpool.loadgen.report;

import dev.dbpool.loadgen.DurationText;
import dev.dbpool.loadgen.Fault;
import dev.dbpool.loadgen.RunResult;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakScenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The summary a person reads at a glance: the setup, one column per mode, the comparison and the verdict. */
public final class TextSummary {

    private TextSummary() {
    }

    public static String write(SoakReport report) {
        SoakScenario s = report.scenario();
        StringBuilder out = new StringBuilder();
        out.append("dbpool soak: ").append(s.service()).append(" on ").append(report.database()).append('\n');
        out.append(String.format(Locale.ROOT, "pool:     max %d, min %d, acquire timeout %s; backpressure threshold %.2f%n",
                report.pool().maxConnections(), report.pool().minConnections(),
                DurationText.format(report.pool().acquireTimeout()), s.threshold()));
        out.append(String.format(Locale.ROOT, "load:     %s %s/s for %s per mode, seed %d, %d request threads, %s warm-up%n",
                s.arrival().label(), number(s.ratePerSecond()), DurationText.format(s.duration()), s.seed(),
                s.threads(), DurationText.format(s.warmup())));
        out.append(String.format(Locale.ROOT, "workload: primary-key SELECT%s + %s held on the server, %,d rows%n",
                s.workload().writePercent() == 0 ? "" : s.workload().writePercent() == 100 ? " + UPDATE"
                        : " + UPDATE (" + s.workload().writePercent() + "%)",
                DurationText.format(s.workload().hold()), s.workload().rows()));
        out.append("faults:   ").append(s.faults().isEmpty() ? "none"
                : s.faults().stream().map(Fault::toString).collect(Collectors.joining(", "))).append("\n\n");

        List<RunResult> runs = report.runs();
        List<String[]> rows = new ArrayList<>();
        rows.add(header(runs));
        rows.add(row("offered", runs, r -> count(r.offered())));
        rows.add(row("succeeded", runs, r -> count(r.succeeded())));
        rows.add(row("rejected (fast)", runs, r -> count(r.rejected())));
        rows.add(row("timed out (slow)", runs, r -> count(r.timedOut())));
        rows.add(row("errors", runs, r -> count(r.errors()) + (r.errorsByClass().isEmpty() ? ""
                : " " + r.errorsByClass().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",", "(", ")")))));
        if (runs.stream().anyMatch(r -> r.unfinished() > 0)) {
            rows.add(row("unfinished", runs, r -> count(r.unfinished())));
        }
        rows.add(row("latency p50 / p99 ms", runs, r -> ms(r.latency().p50()) + " / " + ms(r.latency().p99())));
        rows.add(row("latency p99.9 / max ms", runs, r -> ms(r.latency().p999()) + " / " + ms(r.latency().max())));
        rows.add(row("utilization steady / max", runs, r -> fraction(r.recovery().steadyUtilization())
                + " / " + fraction(r.maxUtilization())));
        rows.add(row("exhausted_total", runs, r -> count(r.exhaustedTotal())));
        rows.add(row("time to impact", runs, r -> secondsOr(r.timeToImpactSeconds(), s.hasFaults() ? "none" : "-")));
        rows.add(row("time to recover", runs, r -> secondsOr(r.timeToRecoverSeconds(), s.hasFaults() ? "never" : "-")));
        rows.add(row("connections left active", runs, r -> Integer.toString(r.activeConnectionsAfter())));
        rows.add(row("generator", runs, r -> r.valid()
                ? String.format(Locale.ROOT, "ok (lag p99 %.1fms)", r.generator().lagP99Millis()) : "INVALID"));
        table(out, rows);
        for (RunResult r : runs) {
            if (!r.valid()) {
                out.append("  ").append(r.mode().label()).append(" run invalid: ").append(r.generator().problem()).append('\n');
            }
            if (r.faultError() != null) {
                out.append("  ").append(r.mode().label()).append(" run: ").append(r.faultError()).append('\n');
            }
        }
        out.append('\n');
        if (report.comparison() != null) {
            out.append("comparison: timed-out requests ").append(reduction(report.comparison().timedOutReduction()))
                    .append(", time to recover ").append(reduction(report.comparison().ttrReduction())).append('\n');
        }
        out.append("verdict: ").append(report.verdict().summary()).append('\n');
        return out.toString();
    }

    private static String[] header(List<RunResult> runs) {
        String[] h = new String[runs.size() + 1];
        h[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            h[i + 1] = runs.get(i).mode().label();
        }
        return h;
    }

    private static String[] row(String label, List<RunResult> runs, Function<RunResult, String> cell) {
        String[] r = new String[runs.size() + 1];
        r[0] = label;
        for (int i = 0; i < runs.size(); i++) {
            r[i + 1] = cell.apply(runs.get(i));
        }
        return r;
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            out.append(String.format("%-" + width[0] + "s", row[0]));
            for (int c = 1; c < columns; c++) {
                out.append("   ").append(String.format("%" + Math.max(12, width[c]) + "s", row[c]));
            }
            out.append('\n');
        }
    }

    private static String reduction(Double fraction) {
        return fraction == null ? "n/a" : String.format(Locale.ROOT, "%+.0f%%", -fraction * 100).replace("+-", "-");
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fraction(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    private static String secondsOr(Double s, String otherwise) {
        return s == null ? otherwise : String.format(Locale.ROOT, "%.0fs", s);
    }
}
