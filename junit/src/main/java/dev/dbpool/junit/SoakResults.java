package dev.dbpool.junit;

import dev.dbpool.loadgen.HtmlReport;
import dev.dbpool.loadgen.ReportJson;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.TextSummary;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@link Soak} found, with the figures of {@code report.json}: one {@link SoakRun} per mode, by name
 * ({@code report.run("codel").goodputRatio()}). Only valid runs get here: {@link #of} aborts the test when
 * the generator fell behind.
 */
public final class SoakResults {

    private final SoakReport report;
    private final List<SoakRun> runs;

    private SoakResults(SoakReport report) {
        this.report = report;
        this.runs = report.runs().stream().map(SoakRun::new).toList();
    }

    /**
     * The results of {@code report}.
     *
     * @throws TestAbortedException when a run is invalid (the generator fell behind its schedule, or dropped
     *                              intended starts): such a run measures the machine, not the pool, so it is
     *                              neither a pass nor a failure
     */
    public static SoakResults of(SoakReport report) {
        List<String> problems = report.runs().stream().filter(r -> !r.valid())
                .map(r -> r.mode().label() + ": " + r.run().problem()).toList();
        if (!problems.isEmpty()) {
            throw new TestAbortedException("soak of " + report.scenario().service() + " is invalid, no verdict: "
                    + String.join("; ", problems) + ". The load generator could not keep to the schedule on this "
                    + "machine (busy cores?): run it again on a quieter one or lower the rate.");
        }
        return new SoakResults(report);
    }

    /**
     * The run of one mode: {@code wait}, {@code threshold} (alias {@code backpressure}), {@code codel},
     * {@code deadline}.
     *
     * @throws IllegalArgumentException naming the modes that did run
     */
    public SoakRun run(String mode) {
        String wanted = mode == null ? "" : mode.strip().toLowerCase(java.util.Locale.ROOT);
        String label = wanted.equals("backpressure") ? "threshold" : wanted;
        return runs.stream().filter(r -> r.mode().equals(label)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no run '" + mode + "' in this soak; it ran " + modes()));
    }

    /** The only run, or the default policy's when several ran (what {@code dbpool soak}'s headline reads). */
    public SoakRun run() {
        RunAnalysis primary = report.primaryRun();
        return runs.stream().filter(r -> r.analysis() == primary).findFirst().orElseThrow();
    }

    public List<SoakRun> runs() {
        return runs;
    }

    /** The modes that ran, in order. */
    public List<String> modes() {
        return runs.stream().map(SoakRun::mode).toList();
    }

    /** The loadgen report itself: comparison, verdict, reference, everything {@code report.json} is written from. */
    public SoakReport report() {
        return report;
    }

    /** {@code report.json}, as {@code dbpool soak --report DIR} writes it. */
    public String json() {
        return ReportJson.write(report);
    }

    /** {@code dbpool soak}'s text summary. */
    public String summary() {
        return TextSummary.write(report);
    }

    /** Writes {@code report.json} and {@code report.html} (charts) under {@code dir}, for a test's artifacts. */
    public SoakResults writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), json());
            Files.writeString(dir.resolve("report.html"), HtmlReport.write(report));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the soak report under " + dir, e);
        }
    }

    static String describe(SoakScenario s) {
        return dev.dbpool.loadgen.model.DurationText.format(s.duration()) + " at "
                + new java.text.DecimalFormat("0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT))
                .format(s.ratePerSecond()) + "/s, faults " + s.faults() + ", modes "
                + s.modes().stream().map(m -> m.label()).collect(Collectors.joining(","));
    }

    /** One line per run: mode, goodput ratio, steady shed, timed out, time to recover. */
    @Override
    public String toString() {
        return "soak of " + report.scenario().service() + " (" + describe(report.scenario()) + "): "
                + runs.stream().map(SoakRun::toString).collect(Collectors.joining("; "));
    }
}
