package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Comparison;
import dev.dbpool.loadgen.analysis.Metastability;
import dev.dbpool.loadgen.analysis.PeerComparison;
import dev.dbpool.loadgen.analysis.Recommendation;
import dev.dbpool.loadgen.analysis.RecoveryText;
import dev.dbpool.loadgen.analysis.Reference;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.ScriptFigures;
import dev.dbpool.loadgen.analysis.Sweep;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.Tally;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The summary a person reads at a glance: the setup; goodput first, a row per mode; the phases; then
 * the rest, one column per mode; the reference, the comparison and the verdict.
 */
public final class TextSummary {

    private TextSummary() {
    }

    /** The same for a fleet soak ({@code dbpool soak --fleet}): see {@link dev.dbpool.loadgen.fleet.FleetText}. */
    public static String write(dev.dbpool.loadgen.fleet.FleetResult fleet) {
        return dev.dbpool.loadgen.fleet.FleetText.write(fleet);
    }

    public static String write(SoakReport report) {
        SoakScenario s = report.scenario();
        StringBuilder out = new StringBuilder();
        header(out, report, number(s.ratePerSecond()) + "/s");
        // Under the title, before the setup: the one line to act on.
        Recommendation.of(report.runs()).ifPresent(r -> out.insert(out.indexOf("\n") + 1, "recommendation: " + r + "\n"));
        RetryPolicy retry = s.retry();
        List<RunAnalysis> runs = report.runs();
        out.append("goodput, by mode:\n");
        goodputTable(out, report);
        out.append('\n');
        if (s.hasScripts()) {
            out.append("by script:\n");
            table(out, scriptRows(runs), 6);
            out.append('\n');
        }

        if (s.hasFaults()) {
            out.append("phases, by intended start (before the first fault, during the faults, after the last):\n");
            List<String[]> phases = new ArrayList<>();
            phases.add(new String[] {"mode", "phase", "offered", "goodput", "rejected", "timed out", "late", "errors"});
            for (RunAnalysis r : runs) {
                phase(phases, label(r.mode()), "before", r.phases().before());
                phase(phases, "", "during", r.phases().during());
                phase(phases, "", "after", r.phases().after());
            }
            table(out, phases, 6);
            out.append('\n');
        }

        List<String[]> rows = new ArrayList<>();
        rows.add(header(runs));
        rows.add(row("offered", runs, r -> count(r.offered())));
        rows.add(row("succeeded", runs, r -> count(r.succeeded())));
        rows.add(row("rejected (fast)", runs, r -> count(r.rejected())));
        if (runs.stream().anyMatch(r -> r.run().rejectedAfterWait() > 0)) {
            rows.add(row("  of which after a wait", runs, r -> count(r.run().rejectedAfterWait())));
        }
        rows.add(row("timed out (slow)", runs, r -> count(r.timedOut())));
        rows.add(row("errors", runs, r -> count(r.errors()) + (r.run().errorsByClass().isEmpty() ? ""
                : " " + r.run().errorsByClass().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",", "(", ")")))));
        if (runs.stream().anyMatch(r -> r.run().unfinished() > 0)) {
            rows.add(row("unfinished", runs, r -> count(r.run().unfinished())));
        }
        rows.add(row("latency p50 / p99 ms", runs, r -> ms(r.latency().p50()) + " / " + ms(r.latency().p99())));
        rows.add(row("latency p99.9 / max ms", runs, r -> ms(r.latency().p999()) + " / " + ms(r.latency().max())));
        rows.add(row("utilization steady / max", runs, r -> fraction(r.steadyUtilization())
                + " / " + fraction(r.maxUtilization())));
        rows.add(row("exhausted_total", runs, r -> count(r.run().exhaustedTotal())));
        rows.add(row("time to impact", runs, r -> secondsOr(r.timeToImpactSeconds(), s.hasFaults() ? "none" : "-")));
        rows.add(row("time to recover", runs, r -> RecoveryText.of(r, s.hasFaults())));
        rows.add(row("connections left active", runs, r -> Integer.toString(r.run().activeConnectionsAfter())));
        if (retry.enabled() || s.hasNetworkFaults()) {
            rows.add(row("attempts", runs, r -> count(r.run().attempts().total())));
            if (retry.enabled()) {
                rows.add(row("  retries (denied by budget)", runs, r -> count(r.run().attempts().retries())
                        + " (" + count(r.run().attempts().deniedByBudget()) + ")"));
            }
            rows.add(row("retry amplification", runs, r -> fraction(r.run().retryAmplification())));
            rows.add(row("metastable", runs, r -> metastable(Metastability.of(r, s.faults()))));
        }
        rows.add(row("generator", runs, r -> r.valid()
                ? String.format(Locale.ROOT, "ok (lag p99 %.1fms)", r.run().generator().lagP99Millis()) : "INVALID"));
        table(out, rows, 12);
        for (RunAnalysis r : runs) {
            if (!r.valid()) {
                out.append("  ").append(r.mode().label()).append(" run invalid: ").append(r.run().problem()).append('\n');
            }
            if (r.run().faultError() != null) {
                out.append("  ").append(r.mode().label()).append(" run: ").append(r.run().faultError()).append('\n');
            }
        }
        out.append('\n');
        Reference ref = report.reference();
        if (s.hasFaults() && ref.from() != null) {
            out.append(String.format(Locale.ROOT, "reference steady state (the best of the runs, %s): goodput ratio %.3f, "
                            + "p99 %sms; within tolerance: goodput ratio >= %.3f and p99 <= %sms%n",
                    ref.from().label(), ref.goodputRatio(), ms(ref.p99Millis()), ref.goodputFloor(s.tolerance()),
                    ms(ref.p99Ceiling(s.tolerance()))));
        }
        Comparison c = report.comparison();
        if (c != null) {
            RunAnalysis wait = report.run(Mode.WAIT).orElseThrow();
            c.byMode().forEach((mode, m) -> {
                RunAnalysis p = report.run(mode).orElseThrow();
                out.append(String.format(Locale.ROOT, "%s against wait: goodput %s (%s → %s), timed-out requests %s "
                                + "(%s → %s)%s%n",
                        label(mode), gain(m.goodputGain()), count(wait.goodput()), count(p.goodput()),
                        reduction(m.timedOutReduction()), count(wait.timedOut()), count(p.timedOut()),
                        !s.hasFaults() ? "" : ", time to recover " + (m.ttrReduction() == null ? ""
                                : reduction(m.ttrReduction()) + " ") + "(" + RecoveryText.of(wait, true) + " → "
                                + RecoveryText.of(p, true) + ")"));
            });
        }
        PeerComparison.of(runs).ifPresent(p -> out.append(peerLine(p)).append('\n'));
        out.append("verdict: ").append(report.verdict().summary().replace("\n", "\n  ")).append('\n');
        return out.toString();
    }

    private static String peerLine(PeerComparison p) {
        return String.format(Locale.ROOT, "%s against the best peer, %s: goodput %s (%s → %s)", label(p.policy()),
                p.bestPeer().label(), gain(p.ratio()), count(p.peerGoodput()), count(p.policyGoodput()));
    }

    /**
     * A soak over several rates: the setup once, each rate's goodput table and verdict, then the curve
     * (goodput per second against offered load, every mode) and the knee. Each rate's full detail is in
     * report.json and report.html.
     */
    public static String write(SweepReport sweep) {
        if (!sweep.isSweep()) {
            return write(sweep.first());
        }
        StringBuilder out = new StringBuilder();
        header(out, sweep.first(), "each of " + sweep.reports().stream().map(r -> number(r.scenario().ratePerSecond()))
                .collect(Collectors.joining(", ")) + "/s");
        for (SoakReport report : sweep.reports()) {
            out.append("rate ").append(number(report.scenario().ratePerSecond())).append("/s, goodput by mode:\n");
            goodputTable(out, report);
            PeerComparison.of(report.runs()).ifPresent(p -> out.append(peerLine(p)).append('\n'));
            out.append("verdict: ").append(report.verdict().summary().replace("\n", "\n  ")).append("\n\n");
        }
        curve(out, sweep);
        return out.toString();
    }

    /** The setup, {@code rates} being what the load line says of the arrival rate. */
    private static void header(StringBuilder out, SoakReport report, String rates) {
        SoakScenario s = report.scenario();
        out.append("dbpool soak: ").append(s.service()).append(" on ").append(report.database()).append('\n');
        out.append(String.format(Locale.ROOT, "pool:     max %d, min %d, acquire timeout %s%n",
                report.pool().maxConnections(), report.pool().minConnections(),
                DurationText.format(report.pool().acquireTimeout())));
        Capacity capacity = report.capacity();
        if (capacity.known()) {
            out.append(String.format(Locale.ROOT, "capacity: %s/s (closed loop, %d connections busy with the workload for %s%s)%n",
                    number(Math.round(capacity.perSecond())), capacity.connections(),
                    DurationText.format(capacity.measured()),
                    capacity.errors() == 0 ? "" : String.format(Locale.ROOT, ", %,d failed", capacity.errors())));
        }
        String settings = s.modes().stream().filter(m -> !m.isWait())
                .map(m -> s.describe(m, report.pool().maxConnections()) + (m.isDefaultPolicy() ? " (default)" : ""))
                .collect(Collectors.joining(", "));
        out.append("modes:    ").append(s.modes().stream().map(Mode::label).collect(Collectors.joining(", ")))
                .append(settings.isEmpty() ? "" : "; " + settings).append('\n');
        out.append(String.format(Locale.ROOT, "load:     %s %s for %s per mode, seed %d, %s, %s warm-up%n",
                s.arrival().label(), rates, DurationText.format(s.duration()), s.seed(),
                s.virtualThreads() ? "a virtual thread per request" : s.threads() + " request threads",
                DurationText.format(s.warmup())));
        if (s.hasServiceCode()) {
            out.append("workload: the service's own code, one call per request, on each run's pool\n");
        } else if (s.hasScripts()) {
            out.append("workload: scripts ").append(s.scripts().scripts().stream().map(Object::toString)
                    .collect(Collectors.joining(", "))).append(" (each request runs one, by weight)")
                    .append(s.init() == null ? "" : "; " + s.init().name() + " run in the soak's schema first")
                    .append('\n');
        } else {
            out.append(String.format(Locale.ROOT, "workload: primary-key SELECT%s + %s held on the server, %,d rows%n",
                    s.workload().writePercent() == 0 ? "" : s.workload().writePercent() == 100 ? " + UPDATE"
                            : " + UPDATE (" + s.workload().writePercent() + "%)",
                    DurationText.format(s.workload().hold()), s.workload().rows()));
        }
        out.append("faults:   ").append(s.faults().isEmpty() ? "none"
                : s.faults().stream().map(Fault::toString).collect(Collectors.joining(", "))).append('\n');
        RetryPolicy retry = s.retry();
        if (retry.enabled()) {
            out.append(String.format(Locale.ROOT, "retries:  up to %d per request on %s, backoff %s (exponential, full "
                            + "jitter), budget %s%n", retry.retries(), RetryPolicy.keys(retry.retryOn()),
                    DurationText.format(retry.backoff()), retry.budget() == null ? "none"
                            : percent(retry.budget()) + " of first attempts"));
        }
        if (s.hasNetworkFaults()) {
            out.append("network:  the pools reach the database through the soak's loopback proxy (admin sessions go direct)\n");
        }
        out.append("deadline: ").append(DurationText.format(s.deadline()))
                .append(" (good = succeeded within it from the intended start; late = succeeded after it)\n\n");
    }

    private static void goodputTable(StringBuilder out, SoakReport report) {
        boolean limit = report.capacity().known();
        List<String[]> good = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("mode", "goodput", "goodput ratio"));
        if (limit) {
            head.add("of limit");
        }
        head.addAll(List.of("late", "shed (steady)", "timed out", "errors", "p99 ms", "TTR"));
        good.add(head.toArray(String[]::new));
        for (RunAnalysis r : report.runs()) {
            List<String> row = new ArrayList<>(List.of(label(r.mode()), count(r.goodput()), fraction3(r.goodputRatio())));
            if (limit) {
                row.add(fraction3(r.goodputOfLimit()));
            }
            row.addAll(List.of(count(r.late()), percent(r.steadyShedRatio()), count(r.timedOut()), count(r.errors()),
                    ms(r.latency().p99()), RecoveryText.of(r, report.scenario().hasFaults())));
            good.add(row.toArray(String[]::new));
        }
        table(out, good, 6);
        if (limit) {
            out.append("  of limit = goodput / (min(offered, capacity) per 1 s cohort")
                    .append(report.scenario().hasFaults() ? ", outside the faults)\n" : ")\n");
        }
    }

    /** The goodput-against-offered-load table: a row per rate, a column per mode, and the knee. */
    private static void curve(StringBuilder out, SweepReport sweep) {
        Sweep curve = sweep.sweep();
        List<Mode> modes = curve.modes();
        out.append("goodput per second against offered load (goodput/s, of limit; * = run invalid):\n");
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[modes.size() + 1];
        head[0] = "offered/s";
        for (int i = 0; i < modes.size(); i++) {
            head[i + 1] = label(modes.get(i));
        }
        rows.add(head);
        for (double rate : curve.rates()) {
            String[] row = new String[modes.size() + 1];
            row[0] = number(rate);
            for (int i = 0; i < modes.size(); i++) {
                Mode mode = modes.get(i);
                row[i + 1] = curve.points().stream().filter(p -> p.ratePerSecond() == rate && p.mode().equals(mode))
                        .findFirst().map(p -> String.format(Locale.ROOT, "%s, %s%s", number(Math.round(p.goodputPerSecond())),
                                fraction(p.againstLimit()), p.valid() ? "" : "*")).orElse("-");
            }
            rows.add(row);
        }
        table(out, rows, 10);
        Double knee = curve.kneeRatePerSecond();
        boolean ranDefault = modes.stream().anyMatch(Mode::isDefaultPolicy);
        out.append("knee: ").append(!ranDefault ? "n/a (the default policy did not run)" : knee == null
                ? "none: the default policy stayed below " + percent(Sweep.KNEE_SHARE) + " of the limit from the lowest rate on"
                : String.format(Locale.ROOT, "%s/s, the highest rate up to which the default policy's goodput stays >= %s of "
                        + "min(offered, capacity)", number(knee), percent(Sweep.KNEE_SHARE))).append('\n');
    }

    private static String metastable(Metastability m) {
        if (m.metastable() == null) {
            return m.untilTheEnd() ? "n/a (run too short)" : "n/a";
        }
        return m.metastable() ? "YES (" + m.lowSeconds() + "s" + (m.untilTheEnd() ? "+" : "") + " low)" : "no";
    }

    /** Per mode and script: its share of the requests and what became of them. */
    static List<String[]> scriptRows(List<RunAnalysis> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"mode", "script", "weight", "offered", "goodput", "rejected", "timed out", "errors",
                "p50 ms", "p99 ms"});
        for (RunAnalysis r : runs) {
            boolean first = true;
            for (ScriptFigures f : r.scripts()) {
                rows.add(new String[] {first ? label(r.mode()) : "", f.name(), Integer.toString(f.weight()),
                        count(f.offered()), count(f.goodput()), count(f.rejected()), count(f.timedOut()),
                        count(f.errors()) + (f.errorsBySqlState().isEmpty() ? "" : f.errorsBySqlState().entrySet().stream()
                                .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(",", " (", ")"))),
                        ms(f.latency().p50()), ms(f.latency().p99())});
                first = false;
            }
        }
        return rows;
    }

    private static void phase(List<String[]> rows, String mode, String phase, Tally t) {
        rows.add(new String[] {mode, String.format("%-6s", phase), count(t.offered()), count(t.goodput()), count(t.rejected()),
                count(t.timedOut()), count(t.late()), count(t.errors())});
    }

    private static String label(Mode mode) {
        return mode.label() + (mode.isDefaultPolicy() ? " (default)" : "");
    }

    private static String[] header(List<RunAnalysis> runs) {
        String[] h = new String[runs.size() + 1];
        h[0] = "";
        for (int i = 0; i < runs.size(); i++) {
            h[i + 1] = runs.get(i).mode().label();
        }
        return h;
    }

    private static String[] row(String label, List<RunAnalysis> runs, Function<RunAnalysis, String> cell) {
        String[] r = new String[runs.size() + 1];
        r[0] = label;
        for (int i = 0; i < runs.size(); i++) {
            r[i + 1] = cell.apply(runs.get(i));
        }
        return r;
    }

    /** First column left-aligned, the others right-aligned, at least {@code minWidth} wide. */
    private static void table(StringBuilder out, List<String[]> rows, int minWidth) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(String.format("%-" + width[0] + "s", row[0]));
            for (int c = 1; c < columns; c++) {
                line.append("   ").append(String.format("%" + Math.max(minWidth, width[c]) + "s", row[c]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static String reduction(Double fraction) {
        return fraction == null ? "n/a" : String.format(Locale.ROOT, "%+.0f%%", -fraction * 100).replace("+-", "-");
    }

    private static String gain(Double gain) {
        return gain == null ? "n/a" : String.format(Locale.ROOT, "x%.2f", gain);
    }

    static String number(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%,d", (long) v) : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String fraction(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }

    private static String fraction3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static String percent(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f%%", v * 100) : "-";
    }

    private static String secondsOr(Double s, String otherwise) {
        return s == null ? otherwise : String.format(Locale.ROOT, "%.0fs", s);
    }
}
