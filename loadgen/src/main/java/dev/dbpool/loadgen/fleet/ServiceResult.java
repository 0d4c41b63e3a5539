package dev.dbpool.loadgen.fleet;

import java.util.List;
import java.util.Map;

/**
 * What one service got out of the fleet soak, all replicas together. Requests are counted by their
 * intended start; {@code goodput + late = succeeded}, and {@code errors} is every request that did
 * not succeed ({@code timedOut} of them waited the whole acquire timeout).
 *
 * @param service          the service as run
 * @param offered          measured intended starts
 * @param goodput          succeeded within the deadline
 * @param late             succeeded after it
 * @param timedOut         waited the whole acquire timeout for a connection
 * @param errors           did not succeed: timed out, refused, any other failure
 * @param unfinished       still queued when the drain gave up (counted in no other figure)
 * @param errorsBySqlState failed requests by the SQLState they failed with ({@code 53300} when the
 *                         server refused the connection the pool tried to open; {@code none} without one)
 * @param refused          connection attempts of its pools that the server (or PgBouncer) refused
 * @param refusedBySqlState those attempts by SQLState
 * @param connectionsMax   the most connections its pools held at once (sampled), all replicas
 * @param goodputPerSecond goodput per 1 s cohort
 * @param offeredPerSecond offered per 1 s cohort
 */
public record ServiceResult(FleetService service, long offered, long goodput, long late, long timedOut, long errors,
                            long unfinished, Map<String, Long> errorsBySqlState, long refused,
                            Map<String, Long> refusedBySqlState, int connectionsMax, List<Long> goodputPerSecond,
                            List<Long> offeredPerSecond) {

    public ServiceResult {
        errorsBySqlState = Map.copyOf(errorsBySqlState);
        refusedBySqlState = Map.copyOf(refusedBySqlState);
        goodputPerSecond = List.copyOf(goodputPerSecond);
        offeredPerSecond = List.copyOf(offeredPerSecond);
    }

    public String name() {
        return service.name();
    }

    public long succeeded() {
        return goodput + late;
    }

    /** goodput / offered (NaN when nothing was offered). */
    public double goodputRatio() {
        return offered == 0 ? Double.NaN : (double) goodput / offered;
    }

    /** Requests that failed because the server refused a connection ({@code 53300 too_many_connections}). */
    public long tooManyConnections() {
        return errorsBySqlState.getOrDefault(FleetResult.TOO_MANY_CONNECTIONS, 0L);
    }
}
