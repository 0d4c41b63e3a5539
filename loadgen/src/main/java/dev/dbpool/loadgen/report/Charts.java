package dev.dbpool.loadgen.report;

import dev.dbpool.loadgen.Fault;
import dev.dbpool.loadgen.Mode;
import dev.dbpool.loadgen.Outcome;
import dev.dbpool.loadgen.RunResult;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.engine.Window;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report's charts, drawn with XChart as PNG: latency over time, pool utilization, outcomes per
 * second and the service's backlog, each with the fault windows shaded. X is seconds of the measured
 * run; the drain after it is included and marked.
 */
public final class Charts {

    static final int WIDTH = 1000;
    static final int HEIGHT = 360;
    private static final Color FAULT_SHADE = new Color(220, 60, 60, 40);
    private static final Map<Mode, Color> MODE_COLORS = new EnumMap<>(Map.of(
            Mode.BACKPRESSURE, new Color(31, 119, 180), Mode.WAIT, new Color(255, 127, 14)));
    private static final Map<Outcome, Color> OUTCOME_COLORS = new EnumMap<>(Map.of(
            Outcome.SUCCEEDED, new Color(44, 160, 44), Outcome.REJECTED, new Color(31, 119, 180),
            Outcome.TIMED_OUT, new Color(214, 39, 40), Outcome.ERROR, new Color(148, 103, 189)));

    static {
        // Charts are drawn off-screen; a server has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** p50 and p99 latency per second, both modes, log scale. */
    public static XYChart latency(SoakReport report) {
        XYChart chart = chart("Latency over time (from intended start, per 1 s window)", "ms, log scale");
        chart.getStyler().setYAxisLogarithmic(true);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (RunResult run : report.runs()) {
            for (Window w : run.windows()) {
                double p50 = w.latencyMillis(50);
                double max = w.latencyMillis(99);
                if (p50 > 0) {
                    lo = Math.min(lo, p50);
                }
                if (max > 0) {
                    hi = Math.max(hi, max);
                }
            }
        }
        if (hi == 0) {
            lo = 0.1;
            hi = 1;
        }
        lo = Math.pow(10, Math.floor(Math.log10(Math.max(0.01, lo))));
        hi = Math.pow(10, Math.ceil(Math.log10(hi * 1.2)));
        chart.getStyler().setYAxisMin(lo).setYAxisMax(hi);
        shadeFaults(chart, report, lo, hi);
        for (RunResult run : report.runs()) {
            line(chart, run.mode().label() + " p99", run, w -> positiveOrNaN(w.latencyMillis(99)),
                    MODE_COLORS.get(run.mode()), false);
            line(chart, run.mode().label() + " p50", run, w -> positiveOrNaN(w.latencyMillis(50)),
                    MODE_COLORS.get(run.mode()), true);
        }
        return chart;
    }

    /** Pool utilization per second: mean of the 10 ms samples, and the highest. */
    public static XYChart utilization(SoakReport report) {
        XYChart chart = chart("Pool utilization (active / max connections)", "utilization");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
        shadeFaults(chart, report, 0, 1.05);
        for (RunResult run : report.runs()) {
            line(chart, run.mode().label() + " mean", run, Window::utilizationMean, MODE_COLORS.get(run.mode()), false);
            line(chart, run.mode().label() + " max", run, Window::utilizationMax, MODE_COLORS.get(run.mode()), true);
        }
        XYSeries threshold = chart.addSeries("backpressure threshold", new double[] {0, xMax(report)},
                new double[] {report.scenario().threshold(), report.scenario().threshold()});
        threshold.setMarker(SeriesMarkers.NONE);
        threshold.setLineColor(Color.GRAY);
        threshold.setLineStyle(SeriesLines.DOT_DOT);
        return chart;
    }

    /** Requests finished per second in one mode, by outcome, with what was offered. */
    public static XYChart outcomes(SoakReport report, RunResult run) {
        XYChart chart = chart("Outcomes per second: " + run.mode().label() + " mode", "requests / s");
        double hi = 1;
        for (Window w : run.windows()) {
            hi = Math.max(hi, Math.max(w.offered(), w.finishedTotal()));
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, report, 0, hi);
        XYSeries offered = line(chart, "offered", run, w -> (double) w.offered(), Color.GRAY, true);
        offered.setLineWidth(1.5f);
        for (Outcome o : Outcome.values()) {
            line(chart, o.key(), run, w -> (double) w.count(o), OUTCOME_COLORS.get(o), false);
        }
        return chart;
    }

    /** The service's own backlog and the threads waiting inside the pool: where waiting piles up. */
    public static XYChart backlog(SoakReport report) {
        XYChart chart = chart("Waiting requests: queued for a request thread, waiting in the pool (highest per second)",
                "requests");
        double hi = 1;
        for (RunResult run : report.runs()) {
            for (Window w : run.windows()) {
                hi = Math.max(hi, Math.max(w.queuedMax(), w.pendingMax()));
            }
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, report, 0, hi);
        for (RunResult run : report.runs()) {
            line(chart, run.mode().label() + ": queued for a thread", run, w -> (double) w.queuedMax(),
                    MODE_COLORS.get(run.mode()), false);
            line(chart, run.mode().label() + ": in the pool", run, w -> (double) w.pendingMax(),
                    MODE_COLORS.get(run.mode()), true);
        }
        return chart;
    }

    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle(), e);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("seconds into the run (shaded: fault)").yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    private static XYSeries line(XYChart chart, String name, RunResult run, ToDoubleFunction<Window> value,
                                 Color color, boolean dashed) {
        List<Window> windows = run.windows();
        double[] x = new double[windows.size()];
        double[] y = new double[windows.size()];
        for (int i = 0; i < windows.size(); i++) {
            // a window's value is drawn at its middle
            x[i] = windows.get(i).second() + 0.5;
            y[i] = value.applyAsDouble(windows.get(i));
        }
        if (x.length == 0) {
            x = new double[] {0};
            y = new double[] {Double.NaN};
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineWidth(dashed ? 1.2f : 2f);
        if (dashed) {
            series.setLineStyle(SeriesLines.DASH_DASH);
        }
        return series;
    }

    private static void shadeFaults(XYChart chart, SoakReport report, double lo, double hi) {
        for (Fault f : report.scenario().faults()) {
            double s = f.start().toNanos() / 1e9;
            double e = f.end().toNanos() / 1e9;
            XYSeries shade = chart.addSeries("fault: " + f, new double[] {s, s, e, e}, new double[] {lo, hi, hi, lo});
            shade.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            shade.setMarker(SeriesMarkers.NONE);
            shade.setFillColor(FAULT_SHADE);
            shade.setLineColor(FAULT_SHADE);
        }
    }

    private static double xMax(SoakReport report) {
        return report.runs().stream().mapToDouble(r -> r.windows().size()).max().orElse(1);
    }

    private static double positiveOrNaN(double v) {
        return v > 0 ? v : Double.NaN;
    }
}
