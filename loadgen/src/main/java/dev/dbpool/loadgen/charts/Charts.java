package dev.dbpool.loadgen.charts;

import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Sweep;
import dev.dbpool.loadgen.analysis.SweepPoint;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.Tick;
import dev.dbpool.loadgen.model.Window;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

/**
 * The report's charts, drawn with XChart as PNG, each with the fault windows shaded. Goodput,
 * latency and outcomes are per 1 s cohort (requests by intended start); utilization and the backlog
 * are per wall-clock second, including the drain after the run. X is seconds of the measured run.
 */
public final class Charts {

    public static final int WIDTH = 1000;
    static final int HEIGHT = 360;
    private static final Color FAULT_SHADE = new Color(220, 60, 60, 40);
    private static final Map<String, Color> MODE_COLORS = Map.of(
            "wait", new Color(255, 127, 14), "threshold", new Color(31, 119, 180),
            "codel", new Color(44, 160, 44),
            "vegas", new Color(140, 86, 75), "gradient2", new Color(227, 119, 194), "bulkhead", new Color(23, 190, 207));
    private static final Map<Outcome, Color> OUTCOME_COLORS = Map.of(
            Outcome.SUCCEEDED, new Color(44, 160, 44), Outcome.REJECTED, new Color(31, 119, 180),
            Outcome.TIMED_OUT, new Color(214, 39, 40), Outcome.ERROR, new Color(148, 103, 189));
    private static final Color LATE = new Color(188, 189, 34);

    static {
        // Charts are drawn off-screen; a server has no display.
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Good answers (succeeded within the deadline) per 1 s cohort, every mode, with what was offered and
     * the pool's measured capacity.
     */
    public static XYChart goodput(List<RunAnalysis> runs, List<Fault> faults, Capacity capacity) {
        XYChart chart = chart("Goodput per second (requests due in that second that succeeded within the deadline)",
                "requests / s", "seconds into the run, by intended start (shaded: fault)");
        double hi = capacity.known() ? capacity.perSecond() : 1;
        for (RunAnalysis run : runs) {
            for (Window w : run.windows()) {
                hi = Math.max(hi, w.offered());
            }
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, faults, 0, hi);
        capacityLine(chart, capacity, xMaxOfWindows(runs));
        if (!runs.isEmpty()) {
            XYSeries offered = line(chart, "offered", runs.get(0).windows(), Window::second, w -> (double) w.offered(),
                    Color.GRAY, true);
            offered.setLineWidth(1.2f);
        }
        for (RunAnalysis run : runs) {
            line(chart, run.mode().label(), run.windows(), Window::second, w -> (double) w.goodput(),
                    color(run.mode()), false);
        }
        return chart;
    }

    /**
     * What became of the offered requests, per mode, as shares of offered: good (answered within the
     * deadline), late, shed (rejected by the policy or peer), timed out, errors. One bar per mode.
     */
    public static CategoryChart outcomesByMode(List<RunAnalysis> runs) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(300)
                .title("What became of the offered requests, by mode (% of offered)")
                .xAxisTitle("mode").yAxisTitle("% of offered").build();
        chart.getStyler().setStacked(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setOverlapped(false);
        List<String> modes = runs.stream().map(r -> r.mode().label() + (r.mode().isDefaultPolicy() ? " (default)" : ""))
                .toList();
        bars(chart, modes, runs, "good (in time)", RunAnalysis::goodput, OUTCOME_COLORS.get(Outcome.SUCCEEDED));
        bars(chart, modes, runs, "late", RunAnalysis::late, LATE);
        bars(chart, modes, runs, "shed", RunAnalysis::rejected, OUTCOME_COLORS.get(Outcome.REJECTED));
        bars(chart, modes, runs, "timed out", RunAnalysis::timedOut, OUTCOME_COLORS.get(Outcome.TIMED_OUT));
        if (runs.stream().anyMatch(r -> r.errors() > 0)) {
            bars(chart, modes, runs, "errors", RunAnalysis::errors, OUTCOME_COLORS.get(Outcome.ERROR));
        }
        return chart;
    }

    private static void bars(CategoryChart chart, List<String> modes, List<RunAnalysis> runs, String name,
                             java.util.function.ToLongFunction<RunAnalysis> count, Color color) {
        List<Double> shares = runs.stream().map(r -> r.offered() == 0 ? 0.0 : 100.0 * count.applyAsLong(r) / r.offered())
                .toList();
        chart.addSeries(name, modes, shares).setFillColor(color);
    }

    /** Requests shed (rejected at once or after a bounded wait) per 1 s cohort, every mode. */
    public static XYChart shed(List<RunAnalysis> runs, List<Fault> faults) {
        XYChart chart = chart("Shed per second (rejected by the policy or peer; not in the latency chart)",
                "requests / s", "seconds into the run, by intended start (shaded: fault)");
        double hi = 1;
        for (RunAnalysis run : runs) {
            for (Window w : run.windows()) {
                hi = Math.max(hi, w.count(Outcome.REJECTED));
            }
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, faults, 0, hi);
        for (RunAnalysis run : runs) {
            line(chart, run.mode().label(), run.windows(), Window::second, w -> (double) w.count(Outcome.REJECTED),
                    color(run.mode()), false);
        }
        return chart;
    }

    /**
     * p50 and p99 latency per cohort of the requests that succeeded, every mode, log scale. A shed request
     * is answered at once with a refusal: counted in, it would make shedding look fast; see {@link #shed}.
     */
    public static XYChart latency(List<RunAnalysis> runs, List<Fault> faults) {
        XYChart chart = chart("Latency of answered requests (succeeded; from intended start, per 1 s cohort)",
                "ms, log scale", "seconds into the run, by intended start (shaded: fault)");
        chart.getStyler().setYAxisLogarithmic(true);
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (RunAnalysis run : runs) {
            for (Window w : run.windows()) {
                double p50 = w.answeredLatencyMillis(50);
                double p99 = w.answeredLatencyMillis(99);
                if (p50 > 0) {
                    lo = Math.min(lo, p50);
                }
                if (p99 > 0) {
                    hi = Math.max(hi, p99);
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
        shadeFaults(chart, faults, lo, hi);
        for (RunAnalysis run : runs) {
            line(chart, run.mode().label() + " p99", run.windows(), Window::second,
                    w -> positiveOrNaN(w.answeredLatencyMillis(99)), color(run.mode()), false);
            line(chart, run.mode().label() + " p50", run.windows(), Window::second,
                    w -> positiveOrNaN(w.answeredLatencyMillis(50)), color(run.mode()), true);
        }
        return chart;
    }

    /** Pool utilization per wall-clock second: mean of the 10 ms samples, and the highest. */
    public static XYChart utilization(List<RunAnalysis> runs, List<Fault> faults, double threshold) {
        XYChart chart = chart("Pool utilization (active / max connections)", "utilization",
                "seconds into the run, wall clock (shaded: fault)");
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.05);
        shadeFaults(chart, faults, 0, 1.05);
        for (RunAnalysis run : runs) {
            List<Tick> ticks = run.run().ticks();
            line(chart, run.mode().label() + " mean", ticks, Tick::second, Tick::utilizationMean, color(run.mode()), false);
            line(chart, run.mode().label() + " max", ticks, Tick::second, Tick::utilizationMax, color(run.mode()), true);
        }
        if (runs.stream().anyMatch(r -> r.mode().isThreshold())) {
            XYSeries t = chart.addSeries("threshold " + threshold, new double[] {0, xMax(runs)},
                    new double[] {threshold, threshold});
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Color.GRAY);
            t.setLineStyle(SeriesLines.DOT_DOT);
        }
        return chart;
    }

    /** One mode's cohorts by outcome (succeeded split into good and late), with what was offered and the capacity. */
    public static XYChart outcomes(RunAnalysis run, List<Fault> faults) {
        XYChart chart = chart("Outcomes per 1 s cohort: " + run.mode().label(), "requests / s",
                "seconds into the run, by intended start (shaded: fault)");
        Capacity capacity = run.capacity();
        double hi = capacity.known() ? capacity.perSecond() : 1;
        for (Window w : run.windows()) {
            hi = Math.max(hi, w.offered());
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, faults, 0, hi);
        capacityLine(chart, capacity, xMaxOfWindows(List.of(run)));
        List<Window> windows = run.windows();
        line(chart, "offered", windows, Window::second, w -> (double) w.offered(), Color.GRAY, true).setLineWidth(1.5f);
        line(chart, "good", windows, Window::second, w -> (double) w.goodput(), OUTCOME_COLORS.get(Outcome.SUCCEEDED), false);
        line(chart, "late", windows, Window::second, w -> (double) w.tally().late(), LATE, false);
        for (Outcome o : List.of(Outcome.REJECTED, Outcome.TIMED_OUT, Outcome.ERROR)) {
            line(chart, o.key(), windows, Window::second, w -> (double) w.count(o), OUTCOME_COLORS.get(o), false);
        }
        return chart;
    }

    /**
     * What the clients sent against what they got: attempts started per wall-clock second (first
     * attempts and retries: the load the pool saw), dashed, and goodput per 1 s cohort, solid, every mode.
     */
    public static XYChart attempts(List<RunAnalysis> runs, List<Fault> faults) {
        XYChart chart = chart("Attempts (dashed, per wall-clock second, retries included) and goodput (solid, per cohort)",
                "per second", "seconds into the run (shaded: fault)");
        double hi = 1;
        for (RunAnalysis run : runs) {
            for (long a : run.run().attempts().startedPerSecond()) {
                hi = Math.max(hi, a);
            }
            for (Window w : run.windows()) {
                hi = Math.max(hi, w.offered());
            }
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, faults, 0, hi);
        for (RunAnalysis run : runs) {
            long[] perSecond = run.run().attempts().startedPerSecond();
            List<Integer> seconds = java.util.stream.IntStream.range(0, perSecond.length).boxed().toList();
            line(chart, run.mode().label() + " attempts", seconds, i -> i, i -> (double) perSecond[i], color(run.mode()), true);
            line(chart, run.mode().label() + " goodput", run.windows(), Window::second, w -> (double) w.goodput(),
                    color(run.mode()), false);
        }
        return chart;
    }

    /** The service's own backlog and the threads waiting inside the pool: where waiting piles up. */
    public static XYChart backlog(List<RunAnalysis> runs, List<Fault> faults) {
        XYChart chart = chart("Waiting requests: queued for a request thread, waiting in the pool (highest per second)",
                "requests", "seconds into the run, wall clock (shaded: fault)");
        double hi = 1;
        for (RunAnalysis run : runs) {
            for (Tick t : run.run().ticks()) {
                hi = Math.max(hi, Math.max(t.queuedMax(), t.pendingMax()));
            }
        }
        hi *= 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi);
        shadeFaults(chart, faults, 0, hi);
        for (RunAnalysis run : runs) {
            List<Tick> ticks = run.run().ticks();
            line(chart, run.mode().label() + " queued", ticks, Tick::second, t -> (double) t.queuedMax(),
                    color(run.mode()), false);
            line(chart, run.mode().label() + " in pool", ticks, Tick::second, t -> (double) t.pendingMax(),
                    color(run.mode()), true);
        }
        return chart;
    }

    /**
     * The curve of a sweep: goodput per second against the offered rate, a line per mode, with the pool's
     * capacity and the limit min(offered, capacity) no admission can beat.
     */
    public static XYChart curve(Sweep sweep, Capacity capacity) {
        XYChart chart = chart("Goodput against offered load (good answers per second, each point a run)",
                "goodput / s", "offered load, arrivals / s");
        List<Double> rates = sweep.rates();
        double top = rates.get(rates.size() - 1);
        double hi = Math.max(1, capacity.known() ? capacity.perSecond() : 0);
        for (SweepPoint p : sweep.points()) {
            hi = Math.max(hi, p.goodputPerSecond());
        }
        hi = Math.max(hi, Math.min(top, capacity.known() ? capacity.perSecond() : top)) * 1.1;
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(hi).setXAxisMax(top * 1.05);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        if (capacity.known()) {
            double c = capacity.perSecond();
            XYSeries limit = chart.addSeries("limit: min(offered, capacity)", new double[] {0, Math.min(c, top), top},
                    new double[] {0, Math.min(c, top), c >= top ? top : c});
            limit.setMarker(SeriesMarkers.NONE);
            limit.setLineColor(Color.GRAY);
            limit.setLineStyle(SeriesLines.DOT_DOT);
            capacityLine(chart, capacity, top * 1.05);
        }
        for (Mode mode : sweep.modes()) {
            List<SweepPoint> points = sweep.points().stream().filter(p -> p.mode().equals(mode))
                    .sorted(java.util.Comparator.comparingDouble(SweepPoint::ratePerSecond)).toList();
            XYSeries series = chart.addSeries(mode.label() + (mode.isDefaultPolicy() ? " (default)" : ""),
                    points.stream().mapToDouble(SweepPoint::ratePerSecond).toArray(),
                    points.stream().mapToDouble(SweepPoint::goodputPerSecond).toArray());
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(color(mode));
            series.setLineColor(color(mode));
            series.setLineWidth(mode.isDefaultPolicy() ? 3f : 2f);
        }
        if (sweep.kneeRatePerSecond() != null) {
            double k = sweep.kneeRatePerSecond();
            XYSeries knee = chart.addSeries("knee of the default policy", new double[] {k, k}, new double[] {0, hi});
            knee.setMarker(SeriesMarkers.NONE);
            knee.setLineColor(MODE_COLORS.get(Mode.DEFAULT_POLICY.label()));
            knee.setLineStyle(SeriesLines.DASH_DOT);
            knee.setLineWidth(1f);
        }
        return chart;
    }

    /** The measured capacity across the chart, dashed. */
    private static void capacityLine(XYChart chart, Capacity capacity, double xMax) {
        if (!capacity.known()) {
            return;
        }
        XYSeries line = chart.addSeries(String.format(java.util.Locale.ROOT, "capacity %,.0f/s", capacity.perSecond()),
                new double[] {0, xMax}, new double[] {capacity.perSecond(), capacity.perSecond()});
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(Color.BLACK);
        line.setLineStyle(SeriesLines.DASH_DOT);
        line.setLineWidth(1.2f);
    }

    private static double xMaxOfWindows(List<RunAnalysis> runs) {
        return Math.max(1, runs.stream().mapToInt(r -> r.windows().size()).max().orElse(1));
    }

    public static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        // In memory: ImageIO's file cache registers a shutdown hook per stream, which fails while the JVM
        // shuts down, where an interrupted soak still draws the report of its finished runs.
        javax.imageio.ImageIO.setUseCache(false);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle(), e);
        }
    }

    private static Color color(Mode mode) {
        return MODE_COLORS.getOrDefault(mode.label(), Color.DARK_GRAY);
    }

    private static XYChart chart(String title, String yTitle, String xTitle) {
        return styled(title, yTitle, xTitle, HEIGHT);
    }

    /** An empty chart in the reports' style: legend below, white, a light grid, x from 0 in whole seconds. */
    public static XYChart styled(String title, String yTitle, String xTitle, int height) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesColor(new Color(230, 230, 230));
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    private static <T> XYSeries line(XYChart chart, String name, List<T> items, ToIntFunction<T> second,
                                     ToDoubleFunction<T> value, Color color, boolean dashed) {
        double[] x = new double[items.size()];
        double[] y = new double[items.size()];
        for (int i = 0; i < items.size(); i++) {
            // a second's value is drawn at its middle
            x[i] = second.applyAsInt(items.get(i)) + 0.5;
            y[i] = value.applyAsDouble(items.get(i));
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

    /** Shades each fault's window from {@code lo} to {@code hi}, one legend entry per fault. */
    public static void shadeFaults(XYChart chart, List<Fault> faults, double lo, double hi) {
        for (Fault f : faults) {
            double s = f.start().toNanos() / 1e9;
            double e = Math.max(f.end().toNanos() / 1e9, s + 0.2);    // an instantaneous reset: a thin band
            // one legend entry for every fault: the specs are in the report's header
            XYSeries shade = chart.addSeries(faults.indexOf(f) == 0 ? "fault" : "fault " + (faults.indexOf(f) + 1),
                    new double[] {s, s, e, e}, new double[] {lo, hi, hi, lo});
            shade.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            shade.setMarker(SeriesMarkers.NONE);
            shade.setFillColor(FAULT_SHADE);
            shade.setLineColor(FAULT_SHADE);
        }
    }

    private static double xMax(List<RunAnalysis> runs) {
        return runs.stream().mapToDouble(r -> r.run().ticks().size()).max().orElse(1);
    }

    private static double positiveOrNaN(double v) {
        return v > 0 ? v : Double.NaN;
    }
}
