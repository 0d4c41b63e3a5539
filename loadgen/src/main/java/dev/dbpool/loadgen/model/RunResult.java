package dev.dbpool.loadgen.model;

import java.util.List;
import java.util.Map;

/**
 * One mode's run as measured: the counts by outcome, the latency the callers saw, how busy the pool
 * was, every request's fate, and when the faults happened. What is judged from it (goodput, phases,
 * recovery) is the analysis's.
 *
 * @param policy                 the admission policy as configured ({@code codel(target=5ms, interval=100ms)}),
 *                               or {@code wait}
 * @param offered                intended starts in the measured run
 * @param rejectedAfterWait      of {@code rejected}: shed after the policy's bounded wait ran out, not at once
 * @param unfinished             requests still queued or running when the drain after the run gave up
 * @param errorsByClass          {@code errors} by SQLState class
 * @param latency                every finished request, from its intended start
 * @param latencyByOutcome       the same, per outcome
 * @param maxUtilization         highest sampled active/max over the measured run
 * @param exhaustedTotal         what the runtime's {@code db_pool_exhausted_total} counted over the run
 * @param activeConnectionsAfter connections still handed out once the run was over and the service idle
 *                               (0 unless a connection leaked)
 * @param requests               every measured request: intended start, outcome, latency
 * @param ticks                  the wall-clock seconds: the measured run, then the drain
 * @param faultEvents            when each fault actually began and ended
 * @param faultError             the first fault that did not go as planned, or {@code null}
 * @param attempts               the attempts behind the requests (retries included)
 * @param scripts                which script each request ran and the errors per script; {@code null}
 *                               for the built-in workload
 */
public record RunResult(
        Mode mode,
        String policy,
        long offered,
        long succeeded,
        long rejected,
        long rejectedAfterWait,
        long timedOut,
        long errors,
        long unfinished,
        Map<String, Long> errorsByClass,
        LatencySummary latency,
        Map<Outcome, LatencySummary> latencyByOutcome,
        double maxUtilization,
        long exhaustedTotal,
        GeneratorHealth generator,
        int activeConnectionsAfter,
        RequestLog requests,
        List<Tick> ticks,
        List<FaultEvent> faultEvents,
        String faultError,
        Attempts attempts,
        ScriptOutcomes scripts) {

    /** A run of the built-in workload. */
    public RunResult(Mode mode, String policy, long offered, long succeeded, long rejected, long rejectedAfterWait,
                     long timedOut, long errors, long unfinished, Map<String, Long> errorsByClass,
                     LatencySummary latency, Map<Outcome, LatencySummary> latencyByOutcome, double maxUtilization,
                     long exhaustedTotal, GeneratorHealth generator, int activeConnectionsAfter, RequestLog requests,
                     List<Tick> ticks, List<FaultEvent> faultEvents, String faultError, Attempts attempts) {
        this(mode, policy, offered, succeeded, rejected, rejectedAfterWait, timedOut, errors, unfinished, errorsByClass,
                latency, latencyByOutcome, maxUtilization, exhaustedTotal, generator, activeConnectionsAfter, requests,
                ticks, faultEvents, faultError, attempts, null);
    }

    /** A run without a record of its attempts (one per request that started). */
    public RunResult(Mode mode, String policy, long offered, long succeeded, long rejected, long rejectedAfterWait,
                     long timedOut, long errors, long unfinished, Map<String, Long> errorsByClass,
                     LatencySummary latency, Map<Outcome, LatencySummary> latencyByOutcome, double maxUtilization,
                     long exhaustedTotal, GeneratorHealth generator, int activeConnectionsAfter, RequestLog requests,
                     List<Tick> ticks, List<FaultEvent> faultEvents, String faultError) {
        this(mode, policy, offered, succeeded, rejected, rejectedAfterWait, timedOut, errors, unfinished, errorsByClass,
                latency, latencyByOutcome, maxUtilization, exhaustedTotal, generator, activeConnectionsAfter, requests,
                ticks, faultEvents, faultError,
                new Attempts(offered - unfinished, 0, 0, new long[0]));
    }

    /** attempts / requests offered; 1.0 without retries. */
    public double retryAmplification() {
        return attempts.amplification(offered);
    }

    /** The generator kept to its schedule, and the scripts (if any) failed on no more than 5% of the requests. */
    public boolean valid() {
        return generator.valid() && (scripts == null || !scripts.tooManyErrors(offered));
    }

    /** Why the run is invalid, or an empty string. */
    public String problem() {
        String generatorProblem = generator.problem();
        return !generatorProblem.isEmpty() || scripts == null ? generatorProblem : scripts.problem(offered);
    }

    public long count(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> succeeded;
            case REJECTED -> rejected;
            case TIMED_OUT -> timedOut;
            case ERROR -> errors;
        };
    }
}
