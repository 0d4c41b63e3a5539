package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Comparison;
import dev.dbpool.loadgen.analysis.Metastability;
import dev.dbpool.loadgen.analysis.PeerComparison;
import dev.dbpool.loadgen.analysis.Recovery;
import dev.dbpool.loadgen.analysis.Reference;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.analysis.ScriptFigures;
import dev.dbpool.loadgen.analysis.Sweep;
import dev.dbpool.loadgen.analysis.SweepPoint;
import dev.dbpool.loadgen.analysis.Verdict;
import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultEvent;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.loadgen.model.GeneratorHealth;
import dev.dbpool.loadgen.model.LatencySummary;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Tick;
import dev.dbpool.loadgen.model.Window;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
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

    /** The same for a fleet soak ({@code dbpool soak --fleet}): see {@link dev.dbpool.loadgen.fleet.FleetJson}. */
    public static String write(dev.dbpool.loadgen.fleet.FleetResult fleet) {
        return dev.dbpool.loadgen.fleet.FleetJson.write(fleet);
    }

    public static String write(SoakReport report) {
        return write(tree(report));
    }

    /**
     * A soak over one rate reads as that rate's report with the {@code sweep} and {@code knee_rate_per_s}
     * added; over several, the keys every rate shares, the sweep, and {@code rates}: each rate's report.
     */
    public static String write(SweepReport sweep) {
        return write(tree(sweep));
    }

    /** The same for a soak stopped part-way (Ctrl-C): the runs that finished, and {@code "interrupted": true}. */
    public static String writeInterrupted(SweepReport finished) {
        ObjectNode tree = tree(finished);
        tree.put("interrupted", true);
        return write(tree);
    }

    private static String write(ObjectNode tree) {
        try {
            return MAPPER.writeValueAsString(tree) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report.json", e);
        }
    }

    public static ObjectNode tree(SweepReport sweep) {
        ObjectNode root;
        if (sweep.isSweep()) {
            SoakReport first = sweep.first();
            root = MAPPER.createObjectNode();
            root.put("service", first.scenario().service());
            root.put("database", first.database());
            root.put("started_at", first.startedAt().toString());
            root.put("default_policy", first.scenario().defaultPolicy().label());
            root.set("pool", pool(first));
            capacity(root, first.capacity());
            ArrayNode rates = root.putArray("rates_per_s");
            sweep.reports().forEach(r -> rates.add(r.scenario().ratePerSecond()));
        } else {
            root = tree(sweep.first());
        }
        ArrayNode points = root.putArray("sweep");
        for (SweepPoint p : sweep.sweep().points()) {
            ObjectNode point = points.addObject();
            point.put("rate_per_s", p.ratePerSecond());
            point.put("mode", p.mode().label());
            putNumber(point, "goodput_per_s", round(p.goodputPerSecond()));
            putNumber(point, "goodput_of_limit", round(p.goodputOfLimit()));
            putNumber(point, "shed_ratio", round(p.shedRatio()));
            putNumber(point, "p99_ms", p.p99Millis());
            point.put("valid", p.valid());
        }
        putNumber(root, "knee_rate_per_s", sweep.sweep().kneeRatePerSecond());
        root.put("knee_share", Sweep.KNEE_SHARE);
        if (sweep.isSweep()) {
            ArrayNode reports = root.putArray("rates");
            sweep.reports().forEach(r -> reports.add(tree(r)));
        }
        return root;
    }

    public static ObjectNode tree(SoakReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        SoakScenario s = report.scenario();
        root.put("service", s.service());
        root.put("database", report.database());
        root.put("started_at", report.startedAt().toString());
        root.put("default_policy", s.defaultPolicy().label());
        root.set("pool", pool(report));
        capacity(root, report.capacity());
        root.set("scenario", scenario(s));
        Reference ref = report.reference();
        ObjectNode reference = root.putObject("reference");
        reference.put("mode", ref.from() == null ? null : ref.from().label());
        putNumber(reference, "goodput_ratio", round(ref.goodputRatio()));
        putNumber(reference, "p99_ms", ref.p99Millis());
        putNumber(reference, "tolerance_goodput_ratio_min", round(ref.goodputFloor(s.tolerance())));
        putNumber(reference, "tolerance_p99_ms_max", ref.p99Ceiling(s.tolerance()));
        ArrayNode runs = root.putArray("runs");
        for (RunAnalysis run : report.runs()) {
            runs.add(run(run, s));
        }
        if (report.comparison() != null) {
            Comparison c = report.comparison();
            ObjectNode comparison = root.putObject("comparison");
            comparison.put("policy", c.policy().label());
            putNumber(comparison, "timed_out_reduction", c.timedOutReduction());
            putNumber(comparison, "ttr_reduction", c.ttrReduction());
            putNumber(comparison, "goodput_gain", c.goodputGain());
            ObjectNode byMode = comparison.putObject("by_mode");
            c.byMode().forEach((mode, m) -> {
                ObjectNode node = byMode.putObject(mode.label());
                putNumber(node, "goodput_gain", m.goodputGain());
                putNumber(node, "timed_out_reduction", m.timedOutReduction());
                putNumber(node, "ttr_reduction", m.ttrReduction());
                putNumber(node, "steady_shed_ratio", round(m.steadyShedRatio()));
            });
        }
        PeerComparison.of(report.runs()).ifPresent(p -> {
            ObjectNode peers = root.putObject("against_best_peer");
            peers.put("policy", p.policy().label());
            peers.put("policy_goodput", p.policyGoodput());
            peers.put("best_peer", p.bestPeer().label());
            peers.put("best_peer_goodput", p.peerGoodput());
            putNumber(peers, "goodput_ratio", p.ratio() == null ? null : round(p.ratio()));
        });
        Verdict v = report.verdict();
        ObjectNode verdict = root.putObject("verdict");
        verdict.put("valid", v.valid());
        verdict.put("best_goodput", v.best() == null ? null : v.best().label());
        putBoolean(verdict, "timed_out_claim_held", v.timedOutClaim());
        putBoolean(verdict, "ttr_claim_held", v.ttrClaim());
        putBoolean(verdict, "goodput_claim_held", v.goodputClaim());
        ObjectNode claims = verdict.putObject("by_mode");
        v.claims().forEach((mode, c) -> {
            ObjectNode node = claims.putObject(mode.label());
            putBoolean(node, "timed_out_claim_held", c.timedOut());
            putBoolean(node, "ttr_claim_held", c.ttr());
            node.put("goodput_claim_held", c.goodput());
        });
        verdict.put("summary", v.summary());
        return root;
    }

    private static ObjectNode pool(SoakReport report) {
        ObjectNode pool = MAPPER.createObjectNode();
        pool.put("max_connections", report.pool().maxConnections());
        pool.put("min_connections", report.pool().minConnections());
        pool.put("acquire_timeout_ms", report.pool().acquireTimeout().toMillis());
        pool.put("backpressure_threshold", report.scenario().threshold());
        return pool;
    }

    /** {@code capacity_per_s} and how it was measured; null when it was not. */
    private static void capacity(ObjectNode root, Capacity c) {
        putNumber(root, "capacity_per_s", c.known() ? round(c.perSecond()) : null);
        ObjectNode capacity = root.putObject("capacity");
        capacity.put("method", "closed loop: one client per connection, the scenario's transaction back to back");
        capacity.put("connections", c.connections());
        capacity.put("measured_s", seconds(c.measured()));
        capacity.put("transactions", c.transactions());
        capacity.put("errors", c.errors());
    }

    private static ObjectNode scenario(SoakScenario s) {
        ObjectNode scenario = MAPPER.createObjectNode();
        scenario.put("duration_s", seconds(s.duration()));
        scenario.put("rate_per_s", s.ratePerSecond());
        scenario.put("arrival", s.arrival().label());
        if (s.virtualThreads()) {
            scenario.put("threads", "virtual");
        } else {
            scenario.put("threads", s.threads());
        }
        scenario.put("seed", s.seed());
        scenario.put("warmup_s", seconds(s.warmup()));
        scenario.put("deadline_ms", s.deadline().toMillis());
        ArrayNode modes = scenario.putArray("modes");
        s.modes().forEach(m -> modes.add(m.label()));
        ArrayNode faults = scenario.putArray("faults");
        for (Fault f : s.faults()) {
            ObjectNode fault = faults.addObject();
            fault.put("kind", f.kind().label());
            fault.put("start_s", seconds(f.start()));
            fault.put("length_s", seconds(f.length()));
            if (f.kind() == FaultKind.SPIKE) {
                fault.put("factor", f.factor());
            }
            if (f.kind() == FaultKind.LATENCY) {
                fault.put("delay_ms", f.delay().toNanos() / 1e6);
            }
            fault.put("spec", f.toString());
        }
        RetryPolicy retry = s.retry();
        ObjectNode retries = scenario.putObject("retry");
        retries.put("retries", retry.retries());
        retries.put("backoff_ms", retry.backoff().toNanos() / 1e6);
        putNumber(retries, "budget", retry.budget());
        ArrayNode on = retries.putArray("retry_on");
        java.util.Arrays.stream(Outcome.values()).filter(retry.retryOn()::contains).forEach(o -> on.add(o.key()));
        scenario.put("network_proxy", s.hasNetworkFaults());
        ObjectNode workload = scenario.putObject("workload");
        if (s.hasServiceCode()) {
            workload.put("service_code", true);
        } else if (s.hasScripts()) {
            ArrayNode scripts = workload.putArray("scripts");
            s.scripts().scripts().forEach(w -> scripts.addObject().put("name", w.name()).put("weight", w.weight()));
            if (s.init() != null) {
                workload.put("init", s.init().name());
            }
        } else {
            workload.put("rows", s.workload().rows());
            workload.put("write_percent", s.workload().writePercent());
            workload.put("hold_ms", s.workload().hold().toNanos() / 1e6);
        }
        ObjectNode tolerance = scenario.putObject("tolerance");
        tolerance.put("goodput_ratio_drop", s.tolerance().goodputRatioDrop());
        tolerance.put("p99_factor", s.tolerance().p99Factor());
        tolerance.put("p99_slack_ms", s.tolerance().p99Slack().toMillis());
        tolerance.put("consecutive_windows", s.tolerance().consecutiveWindows());
        return scenario;
    }

    private static ObjectNode run(RunAnalysis a, SoakScenario s) {
        RunResult r = a.run();
        ObjectNode run = MAPPER.createObjectNode();
        run.put("mode", r.mode().label());
        run.put("policy", r.policy());
        r.mode().gate().ifPresent(peer -> run.put("peer_library", peer.library()));
        run.put("offered", r.offered());
        run.put("succeeded", r.succeeded());
        run.put("goodput", a.goodput());
        run.put("late", a.late());
        run.put("deadline_ms", a.deadline().toMillis());
        putNumber(run, "goodput_ratio", round(a.goodputRatio()));
        putNumber(run, "steady_shed_ratio", round(a.steadyShedRatio()));
        putNumber(run, "capacity_per_s", a.capacity().known() ? round(a.capacity().perSecond()) : null);
        putNumber(run, "goodput_of_limit", round(a.goodputOfLimit()));
        putNumber(run, "goodput_limit", round(a.ofLimit().limit()));
        run.put("rejected", r.rejected());
        run.put("rejected_after_wait", r.rejectedAfterWait());
        run.put("timed_out", r.timedOut());
        run.put("errors", r.errors());
        run.put("unfinished", r.unfinished());
        ObjectNode byClass = run.putObject("errors_by_sqlstate_class");
        r.errorsByClass().forEach(byClass::put);
        if (s.hasScripts()) {
            ArrayNode workloads = run.putArray("workloads");
            for (ScriptFigures f : a.scripts()) {
                ObjectNode w = workloads.addObject();
                w.put("name", f.name());
                w.put("weight", f.weight());
                w.put("offered", f.offered());
                w.put("goodput", f.goodput());
                w.put("late", f.late());
                w.put("rejected", f.rejected());
                w.put("timed_out", f.timedOut());
                w.put("errors", f.errors());
                ObjectNode states = w.putObject("errors_by_sqlstate");
                f.errorsBySqlState().forEach(states::put);
                ObjectNode latency = w.putObject("latency_ms");
                latency.put("p50", f.latency().p50());
                latency.put("p99", f.latency().p99());
            }
            if (r.scripts().firstError() != null) {
                run.put("first_script_error", r.scripts().firstError());
            }
        }
        ObjectNode phases = run.putObject("phases");
        phases.set("before", tally(a.phases().before()));
        phases.set("during", tally(a.phases().during()));
        phases.set("after", tally(a.phases().after()));
        run.set("latency_ms", latency(r.latency()));
        ObjectNode byOutcome = run.putObject("latency_ms_by_outcome");
        for (Map.Entry<Outcome, LatencySummary> e : r.latencyByOutcome().entrySet()) {
            byOutcome.set(e.getKey().key(), latency(e.getValue()));
        }
        run.put("max_utilization", round(r.maxUtilization()));
        Recovery rec = a.recovery();
        putNumber(run, "steady_utilization", round(a.steadyUtilization()));
        run.put("exhausted_total", r.exhaustedTotal());
        putNumber(run, "time_to_impact_s", rec.timeToImpactSeconds());
        putNumber(run, "time_to_recover_s", rec.timeToRecoverSeconds());
        run.put("recovered", a.recovered());
        run.put("valid", r.valid());
        if (!r.valid()) {
            run.put("invalid_reason", r.problem());
        }
        ObjectNode steady = run.putObject("steady_state");
        putNumber(steady, "goodput_ratio", round(rec.steadyGoodputRatio()));
        putNumber(steady, "success_ratio", round(rec.steadySuccessRatio()));
        putNumber(steady, "p99_ms", rec.steadyP99Millis());
        putNumber(steady, "tolerance_goodput_ratio_min", round(rec.goodputFloor()));
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
        // Retrying clients (DESIGN §4): attempts behind the requests, and whether goodput outlived the faults.
        run.put("attempts", r.attempts().total());
        run.put("retries", r.attempts().retries());
        run.put("retries_denied_by_budget", r.attempts().deniedByBudget());
        putNumber(run, "retry_amplification", round(r.retryAmplification()));
        Metastability meta = Metastability.of(a, s.faults());
        putBoolean(run, "metastable", meta.metastable());
        run.put("low_goodput_after_faults_s", meta.lowSeconds());
        ArrayNode faults = run.putArray("faults");
        for (FaultEvent e : r.faultEvents()) {
            ObjectNode fault = faults.addObject();
            fault.put("spec", e.fault().toString());
            putNumber(fault, "began_s", e.began() == null ? null : round(seconds(e.began())));
            putNumber(fault, "ended_s", e.ended() == null ? null : round(seconds(e.ended())));
            if (e.error() != null) {
                fault.put("error", e.error());
            }
        }
        // One row per second: the cohort of requests due in it (outcomes, goodput, latency), and what the
        // pool looked like in that wall-clock second; past the run's end only the pool (the drain).
        ArrayNode timeline = run.putArray("timeline");
        List<Window> windows = a.windows();
        Map<Integer, Tick> ticks = new java.util.HashMap<>();
        r.ticks().forEach(t -> ticks.put(t.second(), t));
        int seconds = Math.max(windows.size(), r.ticks().stream().mapToInt(t -> t.second() + 1).max().orElse(0));
        for (int second = 0; second < seconds; second++) {
            ObjectNode row = timeline.addObject();
            row.put("t", second);
            Window w = second < windows.size() ? windows.get(second) : null;
            row.put("draining", w == null);
            if (w != null) {
                row.put("offered", w.offered());
                for (Outcome o : Outcome.values()) {
                    row.put(o.key(), w.count(o));
                }
                row.put("goodput", w.goodput());
                row.put("late", w.tally().late());
                putNumber(row, "goodput_ratio", round(w.goodputRatio()));
                putNumber(row, "p50_ms", w.latencyMillis(50));
                putNumber(row, "p99_ms", w.latencyMillis(99));
                putNumber(row, "max_ms", w.maxLatencyMillis());
            }
            row.put("attempts", r.attempts().startedIn(second));
            Tick t = ticks.get(second);
            if (t != null) {
                row.put("utilization_mean", round(t.utilizationMean()));
                row.put("utilization_max", round(t.utilizationMax()));
                row.put("queued_max", t.queuedMax());
                row.put("pending_max", t.pendingMax());
            }
        }
        return run;
    }

    private static ObjectNode tally(Tally t) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("offered", t.offered());
        node.put("goodput", t.goodput());
        node.put("rejected", t.rejected());
        node.put("timed_out", t.timedOut());
        node.put("late", t.late());
        node.put("errors", t.errors());
        node.put("unfinished", t.unfinished());
        return node;
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
