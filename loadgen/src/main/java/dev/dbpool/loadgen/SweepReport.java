package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.Sweep;
import dev.dbpool.loadgen.analysis.SweepPoint;
import dev.dbpool.loadgen.model.Capacity;

import java.util.ArrayList;
import java.util.List;

/**
 * What a soak over one or several rates found: one {@link SoakReport} per rate, in the order run, and the
 * curve across them. {@link ReportJson}, {@link TextSummary} and {@link HtmlReport} write it; a sweep of
 * one rate reads like that rate's report.
 */
public record SweepReport(List<SoakReport> reports, Sweep sweep) {

    public SweepReport {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("a sweep has at least one rate");
        }
        reports = List.copyOf(reports);
    }

    public static SweepReport of(List<SoakReport> reports) {
        List<SweepPoint> points = new ArrayList<>();
        for (SoakReport report : reports) {
            double seconds = report.scenario().duration().toNanos() / 1e9;
            for (RunAnalysis run : report.runs()) {
                points.add(SweepPoint.of(report.scenario().ratePerSecond(), run, seconds));
            }
        }
        return new SweepReport(reports, Sweep.of(points));
    }

    public static SweepReport of(SoakReport report) {
        return of(List.of(report));
    }

    public boolean isSweep() {
        return reports.size() > 1;
    }

    /** The first rate's report: the scenario and the pool every rate shares. */
    public SoakReport first() {
        return reports.get(0);
    }

    /** Measured once, before the first rate. */
    public Capacity capacity() {
        return first().capacity();
    }

    public boolean valid() {
        return reports.stream().allMatch(SoakReport::valid);
    }
}
