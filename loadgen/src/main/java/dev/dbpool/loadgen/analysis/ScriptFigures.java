package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.LatencySummary;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.ScriptOutcomes;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One script's share of a run: its measured requests and what became of them, judged as the run is
 * (good = succeeded within the deadline from the intended start).
 *
 * @param offered          measured requests that chose this script
 * @param errorsBySqlState its requests' errors by SQLState ({@code none} without one)
 * @param latency          its finished requests, from their intended start
 */
public record ScriptFigures(String name, int weight, long offered, long goodput, long late, long rejected,
                            long timedOut, long errors, Map<String, Long> errorsBySqlState, LatencySummary latency) {

    /** Every script's figures in the order given; empty for the built-in workload. */
    public static List<ScriptFigures> of(RunResult run, Duration deadline) {
        ScriptOutcomes scripts = run.scripts();
        if (scripts == null) {
            return List.of();
        }
        int n = scripts.names().size();
        long[][] counts = new long[n][6];
        Histogram[] latency = new Histogram[n];
        for (int s = 0; s < n; s++) {
            latency[s] = new Histogram(3);
        }
        long deadlineMicros = deadline.toNanos() / 1000;
        RequestLog log = run.requests();
        for (int i = 0; i < log.size(); i++) {
            int s = scripts.scriptOf()[i];
            long[] c = counts[s];
            c[0]++;
            Outcome outcome = log.outcome(i);
            if (outcome == null) {
                continue;
            }
            latency[s].recordValue(log.latencyMicros(i));
            switch (outcome) {
                case SUCCEEDED -> c[log.latencyMicros(i) <= deadlineMicros ? 1 : 2]++;
                case REJECTED -> c[3]++;
                case TIMED_OUT -> c[4]++;
                case ERROR -> c[5]++;
            }
        }
        List<ScriptFigures> figures = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            long[] c = counts[s];
            figures.add(new ScriptFigures(scripts.names().get(s), scripts.weights().get(s), c[0], c[1], c[2], c[3], c[4],
                    c[5], scripts.errorsBySqlState().get(s), LatencySummary.of(latency[s])));
        }
        return figures;
    }
}
