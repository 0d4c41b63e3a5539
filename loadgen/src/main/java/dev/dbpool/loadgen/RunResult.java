package dev.dbpool.loadgen;

import dev.dbpool.loadgen.analysis.Recovery;
import dev.dbpool.loadgen.engine.GeneratorHealth;
import dev.dbpool.loadgen.engine.Window;
import dev.dbpool.loadgen.faults.FaultTimeline;

import java.util.List;
import java.util.Map;

/**
 * One mode's run: the counts by outcome, the latency the callers saw, how busy the pool was, and how
 * the service took the faults.
 *
 * @param offered                intended starts in the measured run
 * @param unfinished             requests still queued or running when the drain after the run gave up
 * @param errorsByClass          {@code errors} by SQLState class
 * @param latency                every finished request, from its intended start
 * @param latencyByOutcome       the same, per outcome
 * @param maxUtilization         highest sampled active/max over the measured run
 * @param exhaustedTotal         what the runtime's {@code db_pool_exhausted_total} counted over the run
 * @param activeConnectionsAfter connections still handed out once the run was over and the service idle
 *                               (0 unless a connection leaked)
 * @param windows                the 1 s windows: the measured run, then the drain
 * @param faultEvents            when each fault actually began and ended
 * @param faultError             the first fault that did not go as planned, or {@code null}
 */
public record RunResult(
        Mode mode,
        long offered,
        long succeeded,
        long rejected,
        long timedOut,
        long errors,
        long unfinished,
        Map<String, Long> errorsByClass,
        LatencySummary latency,
        Map<Outcome, LatencySummary> latencyByOutcome,
        double maxUtilization,
        long exhaustedTotal,
        Recovery recovery,
        GeneratorHealth generator,
        int activeConnectionsAfter,
        List<Window> windows,
        List<FaultTimeline.Event> faultEvents,
        String faultError) {

    public boolean valid() {
        return generator.valid();
    }

    public long count(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> succeeded;
            case REJECTED -> rejected;
            case TIMED_OUT -> timedOut;
            case ERROR -> errors;
        };
    }

    public Double timeToImpactSeconds() {
        return recovery.timeToImpactSeconds();
    }

    public Double timeToRecoverSeconds() {
        return recovery.timeToRecoverSeconds();
    }

    public boolean recovered() {
        return recovery.recovered();
    }
}
