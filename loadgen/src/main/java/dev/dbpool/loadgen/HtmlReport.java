package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Metastability;
import dev.dbpool.loadgen.analysis.Recommendation;
import dev.dbpool.loadgen.analysis.RecoveryText;
import dev.dbpool.loadgen.analysis.Verdict;
import dev.dbpool.loadgen.charts.Charts;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Tally;

import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * {@code report.html}: one self-contained page (charts inlined as PNG data URIs, no script, no network
 * resource) with the summary, the charts and how to read them.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    /** The same for a fleet soak ({@code dbpool soak --fleet}): see {@link dev.dbpool.loadgen.fleet.FleetHtml}. */
    public static String write(dev.dbpool.loadgen.fleet.FleetResult fleet) {
        return dev.dbpool.loadgen.fleet.FleetHtml.write(fleet);
    }

    public static String write(SoakReport report) {
        List<RunAnalysis> runs = report.runs();
        List<Fault> faults = report.scenario().faults();
        boolean retrying = report.scenario().retry().enabled() || report.scenario().hasNetworkFaults();
        List<Section> charts = new ArrayList<>();
        charts.add(new Section("chart-goodput", "Goodput per second", Charts.goodput(runs, faults, report.capacity())));
        if (retrying) {
            charts.add(new Section("chart-attempts", "Attempts and goodput", Charts.attempts(runs, faults)));
        }
        charts.add(new Section("chart-latency", "Latency of answered requests", Charts.latency(runs, faults)));
        if (runs.stream().anyMatch(r -> r.rejected() > 0)) {
            charts.add(new Section("chart-shed", "Shed per second", Charts.shed(runs, faults)));
        }
        charts.add(new Section("chart-utilization", "Pool utilization",
                Charts.utilization(runs, faults, report.scenario().threshold())));
        for (RunAnalysis run : runs) {
            charts.add(new Section("chart-outcomes-" + run.mode().label(), "Outcomes: " + run.mode().label(),
                    Charts.outcomes(run, faults)));
        }
        charts.add(new Section("chart-waiting", "Waiting requests", Charts.backlog(runs, faults)));

        StringBuilder html = new StringBuilder();
        head(html, report.scenario().service(), report.verdict().valid());
        html.append("<h1>dbpool soak: ").append(escape(report.scenario().service())).append("</h1>\n");
        // The first screen: what to do, and the picture that says why.
        Optional<String> recommendation = Recommendation.of(runs);
        if (recommendation.isPresent()) {
            html.append("<p class=\"recommendation\">").append(escape(capitalized(recommendation.get()))).append(".</p>\n");
        } else if (!report.verdict().valid()) {
            // Said where the recommendation would be, not only further down in the verdict.
            html.append("<p class=\"recommendation invalid\">No recommendation: ")
                    .append(escape(report.verdict().summary().replaceFirst("^INVALID: ", ""))).append("</p>\n");
        }
        html.append("<p class=\"setup\">").append(escape(setupLine(report))).append("</p>\n");
        image(html, Charts.outcomesByMode(runs));
        html.append("<nav class=\"toc\"><b>Contents</b><ol>\n")
                .append(tocEntry("verdict", "Verdict"))
                .append(tocEntry("phases", "Phases"))
                .append(report.scenario().hasScripts() ? tocEntry("scripts", "By script") : "")
                .append("<li><a href=\"#charts\">Charts</a><ol>\n");
        charts.forEach(c -> html.append(tocEntry(c.id(), c.title())));
        html.append("</ol></li>\n")
                .append(tocEntry("guide", "How to read this report"))
                .append(tocEntry("cli", "The command line's summary"))
                .append("</ol></nav>\n");
        html.append("<h2 id=\"verdict\">Verdict</h2>\n");
        html.append("<p class=\"verdict\">").append(escape(report.verdict().summary()).replace("\n", "<br>\n"))
                .append("</p>\n");
        for (RunAnalysis run : runs) {
            Metastability m = Metastability.of(run, faults);
            if (Boolean.TRUE.equals(m.metastable())) {
                html.append("<p class=\"metastable\">").append(escape(run.mode().label())).append(": metastable. Goodput stayed "
                        + "below half its steady level for ").append(m.lowSeconds()).append(" s").append(m.untilTheEnd()
                        ? " (until the run ended)" : "").append(" after the last fault had ended.</p>\n");
            }
        }
        html.append("<h2 id=\"phases\">Phases</h2>\n<p>Requests by intended start: before the first fault, during the faults "
                + "(first start to last end), after the last fault. Good = succeeded within the deadline ("
                + escape(DurationText.format(report.scenario().deadline())) + "). Time to recover: "
                + escape(runs.stream().map(r -> r.mode().label() + " " + RecoveryText.of(r, report.scenario().hasFaults()))
                        .collect(java.util.stream.Collectors.joining("; "))) + ".</p>\n");
        html.append(phaseTable(runs));
        if (report.scenario().hasScripts()) {
            html.append("<h2 id=\"scripts\">By script</h2>\n<p>Each request runs one script, chosen by weight (seeded: every mode "
                    + "runs the same requests). Errors by SQLState.</p>\n");
            html.append(scriptTable(runs));
        }
        html.append("<h2 id=\"charts\">Charts</h2>\n");
        for (Section chart : charts) {
            html.append("<h3 id=\"").append(chart.id()).append("\">").append(escape(chart.title())).append("</h3>\n");
            image(html, chart.chart());
        }
        html.append(guide(report.scenario(), retrying));
        html.append("<h2 id=\"cli\">The command line's summary</h2>\n<details><summary>What <code>dbpool soak</code> "
                + "printed (every figure per mode)</summary>\n<pre>").append(escape(TextSummary.write(report)))
                .append("</pre>\n</details>\n");
        html.append("<p>Raw numbers, the per-second timeline and the tolerance bounds: <code>report.json</code> "
                + "next to this file.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    /** A chart of the page, with the anchor the table of contents links to. */
    private record Section(String id, String title, XYChart chart) {
    }

    private static String tocEntry(String id, String title) {
        return "<li><a href=\"#" + id + "\">" + escape(title) + "</a></li>\n";
    }

    private static String capitalized(String sentence) {
        return sentence.isEmpty() ? sentence : Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    /** One line of what was run: rate, length, faults, deadline. */
    private static String setupLine(SoakReport report) {
        SoakScenario s = report.scenario();
        return String.format(java.util.Locale.ROOT, "%s/s for %s per mode against %s (pool max %d); fault%s: %s; "
                        + "in time = answered within %s.", TextSummary.number(s.ratePerSecond()),
                DurationText.format(s.duration()), report.database(), report.pool().maxConnections(),
                s.faults().size() == 1 ? "" : "s", s.faults().isEmpty() ? "none"
                        : s.faults().stream().map(Fault::toString).collect(java.util.stream.Collectors.joining(", ")),
                DurationText.format(s.deadline()));
    }

    /** The same for a soak stopped part-way (Ctrl-C): a note on top says that only the finished runs are in it. */
    public static String writeInterrupted(SweepReport finished) {
        String note = "<p class=\"interrupted\">Interrupted: the soak was stopped before every run had finished. "
                + "This report holds the runs that finished: " + escape(finished.reports().stream()
                        .flatMap(r -> r.runs().stream()).map(r -> r.mode().label()).distinct()
                        .collect(java.util.stream.Collectors.joining(", "))) + ".</p>\n";
        return write(finished).replaceFirst("</h1>\n", "</h1>\n" + java.util.regex.Matcher.quoteReplacement(note));
    }

    /**
     * A soak over several rates: the summary, the goodput-against-offered-load curve with its knee, then
     * each rate's verdict, goodput and latency. A single rate is {@link #write(SoakReport)}.
     */
    public static String write(SweepReport sweep) {
        if (!sweep.isSweep()) {
            return write(sweep.first());
        }
        SoakReport first = sweep.first();
        StringBuilder html = new StringBuilder();
        head(html, first.scenario().service(), sweep.reports().stream().allMatch(r -> r.verdict().valid()));
        html.append("<h1>dbpool soak: ").append(escape(first.scenario().service())).append(", ")
                .append(sweep.reports().size()).append(" rates</h1>\n");
        html.append("<details><summary>What <code>dbpool soak</code> printed (every rate, every mode)</summary>\n<pre>")
                .append(escape(TextSummary.write(sweep))).append("</pre>\n</details>\n");
        html.append("<h2>Goodput against offered load</h2>\n");
        image(html, Charts.curve(sweep.sweep(), sweep.capacity()));
        for (SoakReport report : sweep.reports()) {
            html.append("<h2>Rate ").append(TextSummary.number(report.scenario().ratePerSecond())).append("/s</h2>\n");
            html.append("<p class=\"verdict\">").append(escape(report.verdict().summary()).replace("\n", "<br>\n"))
                    .append("</p>\n");
            html.append(phaseTable(report.runs()));
            image(html, Charts.goodput(report.runs(), report.scenario().faults(), report.capacity()));
            image(html, Charts.latency(report.runs(), report.scenario().faults()));
        }
        html.append(guide(first.scenario(), first.scenario().retry().enabled()));
        html.append("<p>Raw numbers, every rate's per-second timeline and the tolerance bounds: <code>report.json</code> "
                + "next to this file.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void head(StringBuilder html, String service, boolean valid) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dbpool soak: ").append(escape(service)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1060px;color:#222}\n")
                .append("pre{background:#f6f8fa;padding:1em;overflow-x:auto;white-space:pre-wrap;font-size:13px;line-height:1.35}\n")
                .append("img{max-width:100%;border:1px solid #e5e5e5;margin:0.6em 0}\n")
                .append(".verdict{font-size:1.1em;padding:0.8em 1em;border-left:4px solid ")
                .append(valid ? "#2ca02c" : "#d62728").append(";background:#fafafa}\n")
                .append("dt{font-weight:600;margin-top:0.6em}\n")
                .append("table{border-collapse:collapse;margin:0.6em 0 1.2em;font-size:14px}\n")
                .append("th,td{padding:0.25em 0.8em;border-bottom:1px solid #e5e5e5;text-align:right}\n")
                .append("th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}\n")
                .append("tr.first td{border-top:2px solid #ccc}\n")
                .append(".recommendation{font-size:1.35em;font-weight:600;padding:0.7em 1em;border-left:6px solid #2ca02c;background:#f1f8f1;margin:0.4em 0}\n")
                .append(".recommendation.invalid{border-left-color:#d62728;background:#fdecea}\n")
                .append(".setup{color:#555;margin:0.3em 0 0.6em}\n")
                .append("nav.toc{background:#fafafa;border:1px solid #e5e5e5;padding:0.4em 1em;font-size:14px}\n")
                .append("nav.toc ol{margin:0.2em 0;padding-left:1.4em}\n")
                .append("details{margin:0.6em 0}summary{cursor:pointer;font-weight:600}\n")
                .append(".interrupted{padding:0.6em 1em;border-left:4px solid #ff7f0e;background:#fff4e5;font-weight:600}\n")
                .append(".metastable{padding:0.6em 1em;border-left:4px solid #d62728;background:#fdecea;font-weight:600}\n")
                .append("</style>\n</head>\n<body>\n");
    }

    private static void image(StringBuilder html, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        html.append("<img alt=\"").append(escape(chart.getTitle())).append("\" width=\"").append(Charts.WIDTH)
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(Charts.png(chart))).append("\">\n");
    }

    private static String guide(SoakScenario s, boolean retrying) {
        StringBuilder guide = new StringBuilder("<h2 id=\"guide\">How to read this report</h2>\n<dl>\n")
                .append(term("goodput", "Requests that succeeded within the deadline ("
                        + DurationText.format(s.deadline()) + ") from their intended start: the answers "
                        + "a user still waited for. A request that succeeded after it is late: a failure for its user "
                        + "too. A rejection is a failure as well: the soak is judged by goodput."))
                .append(term("cohorts", "Goodput, outcomes and latency are per 1 s cohort: the requests whose intended "
                        + "start fell in that second, however late they finished. Utilization and the backlog are per "
                        + "wall-clock second and go on into the drain after the run."))
                .append(term("capacity, of limit", "Before the runs a closed loop keeps every connection of the "
                        + "pool busy with the scenario's transaction: what it completes per second is the capacity, the "
                        + "most any admission can answer. Of limit = goodput / the sum over the 1 s cohorts of "
                        + "min(offered, capacity), leaving out the cohorts that overlap a fault: 1.0 means every request "
                        + "the pool had room for got a good answer."))
                .append(term("peers (vegas, gradient2, bulkhead)", "The libraries a team would put around its pool "
                        + "instead: Netflix concurrency-limits (SimpleLimiter with VegasLimit, or Gradient2Limit in a "
                        + "WindowedLimit) and a Resilience4j SemaphoreBulkhead, each around every request's use of a "
                        + "plainly waiting pool, with the settings shown in the summary. Their refusals count as rejected, "
                        + "like a policy's."))
                .append(term("rejected (fast)", "An admission policy refused the request (at once, or after its "
                        + "bounded wait ran out). The caller gets an answer quickly and can retry elsewhere; the "
                        + "request thread is free again."))
                .append(term("timed out (slow)", "The request waited the whole acquire timeout for a connection. "
                        + "While it waited it held a request thread: this is the failure that cascades."))
                .append(term("shed", "Rejected by an admission policy or a peer library: the caller got a refusal "
                        + "(a 503) at once or after a short bounded wait. Drawn in its own chart, never in the latency "
                        + "chart, where a quick refusal would make shedding look fast."))
                .append(term("latency", "Of the requests that succeeded, measured from each request's intended start, "
                        + "so time spent queued for a request thread counts (no coordinated omission). A request that "
                        + "waited 30 s in the service's backlog and then succeeded shows 30 s here."))
                .append(term("time to impact / time to recover", "One reference for every run: the best steady "
                        + "goodput ratio of the runs (the median cohort before the first fault, of the best run) and "
                        + "that run's steady p99. A cohort is within tolerance when its goodput ratio and its p99 are "
                        + "close to the reference (the bounds are in report.json under reference), so a policy that "
                        + "sheds in steady state cannot recover to its own degraded normal. Time to impact runs "
                        + "from the fault's start to the first cohort out of tolerance; time to recover from the "
                        + "fault's end to the first of 3 cohorts in a row back within tolerance, in seconds; "
                        + "\"did not recover within the run\" when the run ended first, with the goodput it reached "
                        + "after the fault."))
                .append(term("the original design's claims", Verdict.CLAIMS + ": the soak says whether each held "
                        + "for each policy on this run."))
                .append(term("metastable", "After every fault has ended, the run's goodput ratio stayed below half "
                        + "its own steady level (the median cohort before the first fault) in each of the "
                        + Metastability.WINDOW_SECONDS + " cohorts that follow: a failure that outlived its trigger. "
                        + "n/a when the run ends less than 10 s after its last fault."))
                .append(term("shaded band", "The fault window. The wall-clock charts (utilization, waiting "
                        + "requests) continue past the run's duration while requests still queued are drained."))
                .append(term("generator", "The load generator checks itself: when it fell behind its schedule "
                        + "or dropped intended starts, the run is invalid and there is no verdict."));
        if (retrying) {
            // Only when the attempts chart is drawn.
            guide.append(term("attempts, retry amplification", "With retries, a failed attempt (an outcome "
                        + "that is retried) is tried again after an exponential backoff with full jitter, while the retry "
                        + "budget allows. Every attempt counts in attempts; retry amplification = attempts / requests. "
                        + "A request is still judged once: good when some attempt succeeded within the deadline from "
                        + "the request's intended start. The attempts chart shows attempts per wall-clock second "
                        + "(dashed) against goodput per cohort (solid)."));
        }
        return guide.append("</dl>\n").toString();
    }

    private static String phaseTable(List<RunAnalysis> runs) {
        StringBuilder t = new StringBuilder("<table>\n<tr><th>mode</th><th>phase</th><th>offered</th><th>goodput</th>"
                + "<th>goodput ratio</th><th>rejected</th><th>timed out</th><th>late</th><th>errors</th></tr>\n");
        for (RunAnalysis run : runs) {
            String[] names = {"before", "during", "after"};
            Tally[] tallies = {run.phases().before(), run.phases().during(), run.phases().after()};
            for (int i = 0; i < 3; i++) {
                Tally p = tallies[i];
                t.append(i == 0 ? "<tr class=\"first\">" : "<tr>")
                        .append("<td>").append(i == 0 ? escape(run.mode().label()
                                + (run.mode().isDefaultPolicy() ? " (default)" : "")) : "").append("</td>")
                        .append("<td>").append(names[i]).append("</td>")
                        .append(cell(p.offered())).append(cell(p.goodput()))
                        .append("<td>").append(Double.isFinite(p.goodputRatio())
                                ? String.format(java.util.Locale.ROOT, "%.3f", p.goodputRatio()) : "-").append("</td>")
                        .append(cell(p.rejected())).append(cell(p.timedOut())).append(cell(p.late()))
                        .append(cell(p.errors())).append("</tr>\n");
            }
        }
        return t.append("</table>\n").toString();
    }

    private static String scriptTable(List<RunAnalysis> runs) {
        List<String[]> rows = TextSummary.scriptRows(runs);
        StringBuilder t = new StringBuilder("<table>\n<tr>");
        for (String head : rows.get(0)) {
            t.append("<th>").append(escape(head)).append("</th>");
        }
        t.append("</tr>\n");
        for (String[] row : rows.subList(1, rows.size())) {
            t.append(row[0].isEmpty() ? "<tr>" : "<tr class=\"first\">");
            for (String value : row) {
                t.append("<td>").append(escape(value)).append("</td>");
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String cell(long v) {
        return "<td>" + String.format(java.util.Locale.ROOT, "%,d", v) + "</td>";
    }

    private static String term(String name, String text) {
        return "<dt>" + escape(name) + "</dt><dd>" + escape(text) + "</dd>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
