package dev.dbpool.loadgen.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbpool.loadgen.Comparison;
import dev.dbpool.loadgen.Fault;
import dev.dbpool.loadgen.LatencySummary;
import dev.dbpool.loadgen.Outcome;
import dev.dbpool.loadgen.RunResult;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.Verdict;
import dev.dbpool.loadgen.analysis.Recovery;
import dev.dbpool.loadgen.engine.GeneratorHealth;
import dev.dbpool.loadgen.engine.Window;
import dev.dbpool.loadgen.faults.FaultTimeline;

import java.time.Duration;
import java.util.Map;

/**
 * {@code report.json}: every key of DESIGN §4, plus the details that explain them (the steady state and
 * its tolerance, the generator's own check, the per-second timeline). The one place that names the
 * report's keys. Numbers that do not exist (a time to recover that never came) are {@code null}.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static String write(SoakReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report.json", e);
        }
    }

    public static ObjectNode tree(SoakReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        SoakScenario s = report.scenario();
        root.put("service", s.service());
        root.put("database", report.database());
        root.put("started_at", report.startedAt().toString());
        ObjectNode pool = root.putObject("pool");
        pool.put("max_connections", report.pool().maxConnections());
        pool.put("min_connections", report.pool().minConnections());
        pool.put("acquire_timeout_ms", report.pool().acquireTimeout().toMillis());
        pool.put("backpressure_threshold", s.threshold());
        root.set("scenario", scenario(s));
        ArrayNode runs = root.putArray("runs");
        for (RunResult run : report.runs()) {
            runs.add(run(run, s));
        }
        if (report.comparison() != null) {
            Comparison c = report.comparison();
            ObjectNode comparison = root.putObject("comparison");
            putNumber(comparison, "timed_out_reduction", c.timedOutReduction());
            putNumber(comparison, "ttr_reduction", c.ttrReduction());
        }
        Verdict v = report.verdict();
        ObjectNode verdict = root.putObject("verdict");
        verdict.put("valid", v.valid());
        putBoolean(verdict, "timed_out_claim_held", v.timedOutClaim());
        putBoolean(verdict, "ttr_claim_held", v.ttrClaim());
        verdict.put("summary", v.summary());
        return root;
    }

    private static ObjectNode scenario(SoakScenario s) {
        ObjectNode scenario = MAPPER.createObjectNode();
        scenario.put("duration_s", seconds(s.duration()));
        scenario.put("rate_per_s", s.ratePerSecond());
        scenario.put("arrival", s.arrival().label());
        scenario.put("threads", s.threads());
        scenario.put("seed", s.seed());
        scenario.put("warmup_s", seconds(s.warmup()));
        ArrayNode faults = scenario.putArray("faults");
        for (Fault f : s.faults()) {
            ObjectNode fault = faults.addObject();
            fault.put("kind", f.kind().label());
            fault.put("start_s", seconds(f.start()));
            fault.put("length_s", seconds(f.length()));
            if (f.kind() == dev.dbpool.loadgen.FaultKind.SPIKE) {
                fault.put("factor", f.factor());
            }
            fault.put("spec", f.toString());
        }
        ObjectNode workload = scenario.putObject("workload");
        workload.put("rows", s.workload().rows());
        workload.put("write_percent", s.workload().writePercent());
        workload.put("hold_ms", s.workload().hold().toNanos() / 1e6);
        ObjectNode tolerance = scenario.putObject("tolerance");
        tolerance.put("success_ratio_drop", s.tolerance().successRatioDrop());
        tolerance.put("p99_factor", s.tolerance().p99Factor());
        tolerance.put("p99_slack_ms", s.tolerance().p99Slack().toMillis());
        tolerance.put("consecutive_windows", s.tolerance().consecutiveWindows());
        return scenario;
    }

    private static ObjectNode run(RunResult r, SoakScenario s) {
        ObjectNode run = MAPPER.createObjectNode();
        run.put("mode", r.mode().label());
        run.put("offered", r.offered());
        run.put("succeeded", r.succeeded());
        run.put("rejected", r.rejected());
        run.put("timed_out", r.timedOut());
        run.put("errors", r.errors());
        run.put("unfinished", r.unfinished());
        ObjectNode byClass = run.putObject("errors_by_sqlstate_class");
        r.errorsByClass().forEach(byClass::put);
        run.set("latency_ms", latency(r.latency()));
        ObjectNode byOutcome = run.putObject("latency_ms_by_outcome");
        for (Map.Entry<Outcome, LatencySummary> e : r.latencyByOutcome().entrySet()) {
            byOutcome.set(e.getKey().key(), latency(e.getValue()));
        }
        run.put("max_utilization", round(r.maxUtilization()));
        Recovery rec = r.recovery();
        putNumber(run, "steady_utilization", round(rec.steadyUtilization()));
        run.put("exhausted_total", r.exhaustedTotal());
        putNumber(run, "time_to_impact_s", rec.timeToImpactSeconds());
        putNumber(run, "time_to_recover_s", rec.timeToRecoverSeconds());
        run.put("recovered", r.recovered());
        run.put("valid", r.valid());
        if (!r.valid()) {
            run.put("invalid_reason", r.generator().problem());
        }
        ObjectNode steady = run.putObject("steady_state");
        putNumber(steady, "success_ratio", round(rec.steadySuccessRatio()));
        putNumber(steady, "p99_ms", rec.steadyP99Millis());
        putNumber(steady, "tolerance_success_ratio_min", round(rec.successFloor()));
        putNumber(steady, "tolerance_p99_ms_max", rec.p99CeilingMillis());
        GeneratorHealth g = r.generator();
        ObjectNode generator = run.putObject("generator");
        generator.put("dispatched", g.dispatched());
        generator.put("dropped", g.dropped());
        generator.put("lag_p50_ms", g.lagP50Millis());
        generator.put("lag_p99_ms", g.lagP99Millis());
        generator.put("lag_max_ms", g.lagMaxMillis());
        generator.put("lag_p99_limit_ms", GeneratorHealth.MAX_LAG_P99.toMillis());
        run.put("active_connections_after", r.activeConnectionsAfter());
        ArrayNode faults = run.putArray("faults");
        for (FaultTimeline.Event e : r.faultEvents()) {
            ObjectNode fault = faults.addObject();
            fault.put("spec", e.fault().toString());
            putNumber(fault, "began_s", e.began() == null ? null : round(seconds(e.began())));
            putNumber(fault, "ended_s", e.ended() == null ? null : round(seconds(e.ended())));
            if (e.error() != null) {
                fault.put("error", e.error());
            }
        }
        ArrayNode timeline = run.putArray("timeline");
        long measured = (s.duration().toNanos() + 999_999_999L) / 1_000_000_000L;
        for (Window w : r.windows()) {
            ObjectNode t = timeline.addObject();
            t.put("t", w.second());
            t.put("draining", w.second() >= measured);
            t.put("offered", w.offered());
            for (Outcome o : Outcome.values()) {
                t.put(o.key(), w.count(o));
            }
            putNumber(t, "p50_ms", w.latencyMillis(50));
            putNumber(t, "p99_ms", w.latencyMillis(99));
            putNumber(t, "max_ms", w.maxLatencyMillis());
            t.put("utilization_mean", round(w.utilizationMean()));
            t.put("utilization_max", round(w.utilizationMax()));
            t.put("queued_max", w.queuedMax());
            t.put("pending_max", w.pendingMax());
        }
        return run;
    }

    private static ObjectNode latency(LatencySummary l) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("p50", l.p50());
        node.put("p95", l.p95());
        node.put("p99", l.p99());
        node.put("p999", l.p999());
        node.put("max", l.max());
        return node;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }

    /** JSON has no NaN: a number that does not exist is null. */
    private static void putNumber(ObjectNode node, String key, Double value) {
        if (value == null || !Double.isFinite(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }

    private static void putBoolean(ObjectNode node, String key, Boolean value) {
        if (value == null) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
