package dev.dbpool.junit;

import dev.dbpool.loadgen.analysis.RunAnalysis;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One mode's run of a {@link Soak}, with the names and meanings of {@code report.json}'s {@code runs[]}
 * entries: counts are requests by intended start, ratios are of what was offered, times are from the fault.
 */
public final class SoakRun {

    private final RunAnalysis analysis;

    SoakRun(RunAnalysis analysis) {
        this.analysis = analysis;
    }

    /** {@code wait}, {@code threshold}, {@code codel}, {@code deadline}. */
    public String mode() {
        return analysis.mode().label();
    }

    public long offered() {
        return analysis.offered();
    }

    /** Succeeded within the deadline from the intended start. */
    public long goodput() {
        return analysis.goodput();
    }

    /** goodput / offered ({@code goodput_ratio}); {@code NaN} when nothing was offered. */
    public double goodputRatio() {
        return analysis.goodputRatio();
    }

    /** Succeeded after the deadline: the user had given up. */
    public long late() {
        return analysis.late();
    }

    public long succeeded() {
        return analysis.succeeded();
    }

    /** Rejected at once by the admission policy (fast failures). */
    public long rejected() {
        return analysis.rejected();
    }

    /** Waited the whole acquire timeout and failed: the slow failure that cascades. */
    public long timedOut() {
        return analysis.timedOut();
    }

    public long errors() {
        return analysis.errors();
    }

    /** rejected / offered before the first fault ({@code steady_shed_ratio}): what the policy costs a healthy service. */
    public double steadyShedRatio() {
        return analysis.steadyShedRatio();
    }

    public double maxUtilization() {
        return analysis.maxUtilization();
    }

    /** From the first fault's start to the first cohort out of tolerance; empty when none was. */
    public Optional<Duration> timeToImpact() {
        return seconds(analysis.timeToImpactSeconds());
    }

    /**
     * From the last fault's end to the first of 3 consecutive 1 s cohorts back within tolerance; empty when the
     * run never recovered (or had no fault). Never capped.
     */
    public Optional<Duration> timeToRecover() {
        return seconds(analysis.timeToRecoverSeconds());
    }

    public boolean recovered() {
        return analysis.recovered();
    }

    /** Latency from the intended start, every outcome. */
    public Duration p99() {
        return millis(analysis.latency().p99());
    }

    public Duration p50() {
        return millis(analysis.latency().p50());
    }

    /** Requests due before the first fault (the whole run without a fault). */
    public SoakPhase before() {
        return new SoakPhase("before", analysis.phases().before());
    }

    /** From the first fault's start to the last fault's end. */
    public SoakPhase during() {
        return new SoakPhase("during", analysis.phases().during());
    }

    /** After the last fault's end. */
    public SoakPhase after() {
        return new SoakPhase("after", analysis.phases().after());
    }

    /** {@code before}, {@code during} or {@code after}, as in {@code report.json}'s {@code phases}. */
    public SoakPhase phase(String name) {
        return switch (name == null ? "" : name.strip().toLowerCase(Locale.ROOT)) {
            case "before" -> before();
            case "during" -> during();
            case "after" -> after();
            default -> throw new IllegalArgumentException("phase must be before, during or after, got '" + name + "'");
        };
    }

    /** The loadgen analysis, for what this class does not name (windows, the run's ticks, latency by outcome). */
    public RunAnalysis analysis() {
        return analysis;
    }

    private static Optional<Duration> seconds(Double value) {
        return value == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.round(value * 1e9)));
    }

    private static Duration millis(double value) {
        return Duration.ofNanos(Math.round(value * 1e6));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: goodput %d/%d (%.3f), steady shed %.4f, rejected %d, timed out %d, "
                        + "late %d, errors %d, time to recover %s", mode(), goodput(), offered(), goodputRatio(),
                steadyShedRatio(), rejected(), timedOut(), late(), errors(),
                timeToRecover().map(d -> String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0)).orElse("none"));
    }
}
