package dev.dbpool.loadgen.report;

import dev.dbpool.loadgen.RunResult;
import dev.dbpool.loadgen.SoakReport;
import org.knowm.xchart.XYChart;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html}: one self-contained page (charts inlined as PNG data URIs, no script, no network
 * resource) with the summary, the charts and how to read them.
 */
public final class HtmlReport {

    private HtmlReport() {
    }

    public static String write(SoakReport report) {
        List<XYChart> charts = new ArrayList<>();
        charts.add(Charts.latency(report));
        charts.add(Charts.utilization(report));
        for (RunResult run : report.runs()) {
            charts.add(Charts.outcomes(report, run));
        }
        charts.add(Charts.backlog(report));

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dbpool soak: ").append(escape(report.scenario().service())).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1060px;color:#222}\n")
                .append("pre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:13px;line-height:1.35}\n")
                .append("img{max-width:100%;border:1px solid #e5e5e5;margin:0.6em 0}\n")
                .append(".verdict{font-size:1.1em;padding:0.8em 1em;border-left:4px solid ")
                .append(report.verdict().valid() ? "#2ca02c" : "#d62728").append(";background:#fafafa}\n")
                .append("dt{font-weight:600;margin-top:0.6em}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>dbpool soak: ").append(escape(report.scenario().service())).append("</h1>\n");
        html.append("<p class=\"verdict\">").append(escape(report.verdict().summary())).append("</p>\n");
        html.append("<pre>").append(escape(TextSummary.write(report))).append("</pre>\n");
        html.append("<h2>Charts</h2>\n");
        for (XYChart chart : charts) {
            html.append("<img alt=\"").append(escape(chart.getTitle())).append("\" width=\"").append(Charts.WIDTH)
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(Charts.png(chart))).append("\">\n");
        }
        html.append("<h2>How to read this report</h2>\n<dl>\n")
                .append(term("rejected (fast)", "Backpressure refused the request at once because the pool was above "
                        + "its threshold. The caller gets an answer in microseconds and can retry elsewhere; the "
                        + "request thread is free again."))
                .append(term("timed out (slow)", "The request waited the whole acquire timeout for a connection. "
                        + "While it waited it held a request thread: this is the failure that cascades."))
                .append(term("latency", "Measured from each request's intended start, so time spent queued for a "
                        + "request thread counts (no coordinated omission). A request that waited 30 s in the "
                        + "service's backlog and then succeeded shows 30 s here."))
                .append(term("time to impact / time to recover", "Steady state is every 1 s window before the first "
                        + "fault. A window is within tolerance when its success ratio and its p99 are close to the "
                        + "steady state's (the bounds are in report.json under steady_state). Time to impact runs "
                        + "from the fault's start to the first window out of tolerance; time to recover from the "
                        + "fault's end to the first of 3 windows in a row back within tolerance. never means the "
                        + "run ended first."))
                .append(term("shaded band", "The fault window. The chart continues past the run's duration while "
                        + "requests still queued are drained."))
                .append(term("generator", "The load generator checks itself: when it fell behind its schedule "
                        + "or dropped intended starts, the run is invalid and there is no verdict."))
                .append("</dl>\n");
        html.append("<p>Raw numbers, the per-second timeline and the tolerance bounds: <code>report.json</code> "
                + "next to this file.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String term(String name, String text) {
        return "<dt>" + escape(name) + "</dt><dd>" + escape(text) + "</dd>\n";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
