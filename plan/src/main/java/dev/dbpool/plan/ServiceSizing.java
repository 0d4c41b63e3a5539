package dev.dbpool.plan;

import dev.dbpool.plan.engine.ErlangC;
import dev.dbpool.plan.engine.LittlesLaw;
import dev.dbpool.plan.engine.ThresholdShedding;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One service's row: what it takes from the budget, and, from its traffic figures, the pool size it
 * needs per replica. With offered load {@code a = (peak_qps / replicas) × hold_ms / 1000}:
 * <ul>
 *   <li>recommended (Erlang C): the smallest pool for which {@code P(wait > one mean hold) ≤
 *       --max-wait-probability};</li>
 *   <li>Little's law: {@code ceil(a / threshold)}, the mean staying under the backpressure threshold;</li>
 *   <li>predicted shed share of the {@code threshold} policy at the configured max: Erlang B over its
 *       admitted slots ({@link ThresholdShedding}).</li>
 * </ul>
 * The normal {@code replicas} are used (the busiest each pod gets). A size above the server's
 * {@code max_connections} is reported as {@code max_connections + 1}, "more than the server allows":
 * the search stops there, so the advice takes milliseconds whatever the traffic figures.
 */
final class ServiceSizing {

    private ServiceSizing() {
    }

    /** Beyond this many erlangs every admitted slot is busy all the time: the shed model's answer no longer moves. */
    private static final double SHED_MODEL_MAX_LOAD = 1e15;

    /**
     * @param serverMax the server's {@code max_connections}: a per-replica size above it is "more than"
     *                  ({@code serverMax + 1}), found without searching further
     */
    static ServiceAllocation row(ServicePlan service, OptionalInt fittedMax, int available, int serverMax,
                                 PlanOptions options, Optional<ServerLimits> server, List<String> advice) {
        boolean worstCase = options.worstCase();
        int replicas = service.replicasCounted(worstCase);
        long allocated = (long) service.maxConnections() * replicas;
        double share = available > 0 ? (double) allocated / available : Double.NaN;
        double threshold = service.backpressureThreshold().orElse(options.threshold());
        OptionalInt recommended = OptionalInt.empty();
        OptionalInt littlesLaw = OptionalInt.empty();
        OptionalDouble shed = OptionalDouble.empty();
        String rowAdvice = "";
        if (service.traffic().isPresent()) {
            Traffic traffic = service.traffic().get();
            double load = traffic.erlangsPerReplica(service.replicas());
            int erlangC = ErlangC.smallestPool(load, options.maxWaitProbability(), serverMax);
            double shedRatio = ThresholdShedding.shedRatio(service.maxConnections(), threshold,
                    Math.min(load, SHED_MODEL_MAX_LOAD));
            recommended = OptionalInt.of(erlangC);
            littlesLaw = OptionalInt.of(Math.min(serverMax + 1, LittlesLaw.connectionsPerReplica(traffic.peakQps(),
                    traffic.holdMs(), service.replicas(), threshold)));
            shed = OptionalDouble.of(shedRatio);
            rowAdvice = PoolSizeAdvice.shortForm(service.maxConnections(), fittedMax, erlangC, serverMax);
            PoolSizeAdvice.sentence(service, traffic, threshold, options.maxWaitProbability(), fittedMax, erlangC,
                    serverMax, shedRatio).ifPresent(advice::add);
        }
        OptionalInt current = server
                .map(s -> OptionalInt.of(s.connectionsByApplication().getOrDefault(service.name(), 0)))
                .orElse(OptionalInt.empty());
        return new ServiceAllocation(service, replicas, service.surgeCounted(worstCase), allocated, share, fittedMax,
                recommended, littlesLaw, shed, current, rowAdvice);
    }
}
