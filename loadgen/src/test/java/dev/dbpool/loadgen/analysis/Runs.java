package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultEvent;
import dev.dbpool.loadgen.model.GeneratorHealth;
import dev.dbpool.loadgen.model.LatencySummary;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Window;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Hand-made runs for the tests of what is computed from them (no database needed there). */
public final class Runs {

    public static final Mode THRESHOLD = Mode.THRESHOLD;
    public static final Mode CODEL = Mode.of("codel");

    private Runs() {
    }

    /** A judged run: {@code goodput} good answers, nothing late, the steady shed ratio {@code steadyShed}. */
    public static RunAnalysis run(Mode mode, long goodput, long rejected, long timedOut, Double ttr) {
        return run(mode, goodput, rejected, timedOut, ttr, 0.01);
    }

    public static RunAnalysis run(Mode mode, long goodput, long rejected, long timedOut, Double ttr, double lagP99Millis) {
        long offered = goodput + rejected + timedOut;
        RunResult result = new RunResult(mode, mode.label(), offered, goodput, rejected, 0, timedOut, 0, 0, Map.of(),
                new LatencySummary(offered, 7, 12, 40, 90, 15_000), Map.of(), 0.9, rejected,
                new GeneratorHealth(offered, 0, 0.05, lagP99Millis, 1), 0, new RequestLog(new long[0]), List.of(),
                List.of(new FaultEvent(Fault.parse("slowdown@15s+12s"), Duration.ofSeconds(15),
                        Duration.ofSeconds(27), null)), null);
        Tally total = new Tally(offered, goodput, 0, rejected, timedOut, 0, 0);
        return new RunAnalysis(result, Duration.ofSeconds(1), List.of(), total, new Phases(total, Tally.EMPTY, Tally.EMPTY),
                total.shedRatio(), 0.65, new Recovery(0.0, ttr, 0.9, 0.9, 40, 0.85, 120));
    }

    /** The runs judged together, as {@code SoakReport.of} does. */
    public static SoakAnalysis analysis(RunAnalysis... runs) {
        List<RunAnalysis> list = List.of(runs);
        Comparison comparison = Comparison.of(list);
        return new SoakAnalysis(list, Reference.NONE, comparison, Verdict.of(list, comparison, true));
    }

    /** The run's cohorts, one a line, for an assertion's description. */
    public static String describe(RunAnalysis run) {
        StringBuilder s = new StringBuilder(run.mode().label()).append(' ').append(run.recovery()).append('\n');
        for (Window w : run.windows()) {
            s.append(String.format(java.util.Locale.ROOT, "%3d offered=%d good=%d late=%d rejected=%d timed_out=%d errors=%d p99=%.1fms%n",
                    w.second(), w.offered(), w.goodput(), w.tally().late(), w.count(Outcome.REJECTED),
                    w.count(Outcome.TIMED_OUT), w.count(Outcome.ERROR), w.latencyMillis(99)));
        }
        return s.append(run.run().faultEvents()).toString();
    }
}
