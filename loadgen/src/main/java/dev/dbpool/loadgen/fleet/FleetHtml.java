package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.charts.Charts;
import dev.dbpool.loadgen.model.Fault;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.html} of a fleet soak, self-contained: the summary, the server's sessions over time against
 * {@code max_connections}, and goodput per second for every service; the fault window shaded.
 */
public final class FleetHtml {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 380;

    private FleetHtml() {
    }

    public static String write(FleetResult r) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>dbpool fleet soak: ").append(escape(r.scenario().source())).append("</title>\n")
                .append("<style>\nbody{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;"
                        + "max-width:1060px;color:#222}\npre{background:#f6f8fa;padding:1em;overflow-x:auto;font-size:12px;"
                        + "line-height:1.35}\nimg{max-width:100%;border:1px solid #e5e5e5;margin:0.6em 0}\n"
                        + ".verdict{font-size:1.1em;padding:0.8em 1em;border-left:4px solid ")
                .append(r.refused() == 0 ? "#2ca02c" : "#d62728")
                .append(";background:#fafafa}\ndt{font-weight:600;margin-top:0.6em}\n</style>\n</head>\n<body>\n");
        html.append("<h1>dbpool fleet soak: ").append(escape(r.scenario().source()))
                .append(r.scenario().fitted() ? " (fitted)" : "")
                .append(r.pooler().isPresent() ? " through PgBouncer" : "").append("</h1>\n");
        html.append("<p class=\"verdict\">").append(escape(FleetText.verdict(r))).append("</p>\n");
        html.append("<pre>").append(escape(FleetText.write(r))).append("</pre>\n<h2>Charts</h2>\n");
        for (XYChart chart : List.of(sessions(r), goodput(r))) {
            html.append("<img alt=\"").append(escape(chart.getTitle())).append("\" width=\"").append(WIDTH)
                    .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(Charts.png(chart)))
                    .append("\">\n");
        }
        html.append("<h2>How to read this report</h2>\n<dl>\n")
                .append(term("server sessions", "Client sessions on the server (pg_stat_activity, backend_type "
                        + "'client backend'), counted every " + SessionSampler.INTERVAL_MILLIS + " ms from a superuser "
                        + "session opened before the load. A role without superuser rights is refused (53300 "
                        + "too_many_connections) once max_connections minus superuser_reserved_connections are in use."))
                .append(term("pool connections", "Connections the fleet's pools held at that moment: to PostgreSQL "
                        + "directly, or to PgBouncer, which multiplexes them onto at most its server side."))
                .append(term("goodput", "Requests that succeeded within the deadline from their intended start, per 1 s "
                        + "cohort of intended starts. A request that waited out the stall and succeeded later is late, "
                        + "not good; one that waited the whole acquire timeout timed out."))
                .append(term("shaded band", "The fault window (by default a table lock on the shared table, which "
                        + "stalls every service's requests on the server, holding their connections, so that every "
                        + "pool grows to its max)."))
                .append("</dl>\n<p>Raw numbers and the timelines: <code>report.json</code> next to this file.</p>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    static XYChart sessions(FleetResult r) {
        XYChart chart = chart("Server sessions against max_connections", "sessions");
        List<SessionSample> samples = r.samples().stream().filter(s -> s.millis() >= 0).toList();
        double[] x = samples.stream().mapToDouble(s -> s.millis() / 1000.0).toArray();
        double end = Math.max(r.scenario().duration().toSeconds(), x.length == 0 ? 1 : x[x.length - 1]);
        double top = Math.max(r.serverMaxConnections(), samples.stream().mapToInt(s -> Math.max(s.sessions(),
                s.poolConnections())).max().orElse(0)) * 1.1;
        shade(chart, r.scenario().faults(), top);
        series(chart, "server sessions", x, samples.stream().mapToDouble(SessionSample::sessions).toArray(),
                new Color(31, 119, 180), false);
        series(chart, "pool connections" + (r.pooler().isPresent() ? " (to PgBouncer)" : ""), x,
                samples.stream().mapToDouble(SessionSample::poolConnections).toArray(), new Color(255, 127, 14), false);
        series(chart, "max_connections " + r.serverMaxConnections(), new double[] {0, end},
                new double[] {r.serverMaxConnections(), r.serverMaxConnections()}, new Color(214, 39, 40), true);
        series(chart, "refused above " + r.applicationLimit() + " (superuser_reserved " + r.superuserReserved() + ")",
                new double[] {0, end}, new double[] {r.applicationLimit(), r.applicationLimit()}, new Color(150, 150, 150), true);
        int available = r.scenario().available();
        series(chart, "plan's available " + available, new double[] {0, end}, new double[] {available, available},
                new Color(44, 160, 44), true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        return chart;
    }

    static XYChart goodput(FleetResult r) {
        XYChart chart = chart("Goodput per second, by service (answers within the deadline)", "requests / s");
        double top = r.services().stream().flatMap(s -> s.offeredPerSecond().stream()).mapToLong(Long::longValue)
                .max().orElse(1) * 1.1;
        shade(chart, r.scenario().faults(), top);
        Color[] palette = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
                new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
                new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207), Color.BLACK};
        int i = 0;
        for (ServiceResult s : r.services()) {
            List<Long> g = s.goodputPerSecond();
            double[] x = new double[g.size()];
            double[] y = new double[g.size()];
            for (int k = 0; k < g.size(); k++) {
                x[k] = k + 0.5;
                y[k] = g.get(k);
            }
            series(chart, s.name(), x, y, palette[i++ % palette.length], false);
        }
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        return chart;
    }

    private static XYChart chart(String title, String yTitle) {
        return Charts.styled(title, yTitle, "seconds into the run", HEIGHT);
    }

    private static void series(XYChart chart, String name, double[] x, double[] y, Color color, boolean dashed) {
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(dashed ? 1.2f : 1.8f);
        if (dashed) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
    }

    private static void shade(XYChart chart, List<Fault> faults, double top) {
        Charts.shadeFaults(chart, faults, 0, top);
    }

    private static String term(String name, String text) {
        return "<dt>" + escape(name) + "</dt><dd>" + escape(text) + "</dd>\n";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
