package dev.dbpool.loadgen.fleet;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fleet soak's outcome: the server's sessions against its limit, what was refused, what PgBouncer
 * did, and every service's goodput.
 *
 * @param scenario                   what ran
 * @param database                   {@code embedded PostgreSQL 17.6} or the server's description, no credentials
 * @param startedAt                  when
 * @param serverMaxConnections       the server's {@code max_connections}
 * @param superuserReserved          its {@code superuser_reserved_connections}
 * @param samples                    the server's sessions every ~200 ms
 * @param services                   in the fleet's order
 * @param pooler                     what the PgBouncer did, when there was one
 * @param valid                      every replica's load generator kept to its schedule
 * @param generatorProblem           what went wrong when not valid
 * @param faultError                 a fault that could not be applied, else null
 */
public record FleetResult(FleetScenario scenario, String database, Instant startedAt, int serverMaxConnections,
                          int superuserReserved, List<SessionSample> samples, List<ServiceResult> services,
                          Optional<PoolerOutcome> pooler, boolean valid, String generatorProblem, String faultError) {

    /** SQLState {@code too_many_connections}: the server refused a connection at its limit. */
    public static final String TOO_MANY_CONNECTIONS = "53300";

    public FleetResult {
        Objects.requireNonNull(scenario, "scenario");
        samples = List.copyOf(samples);
        services = List.copyOf(services);
        Objects.requireNonNull(pooler, "pooler");
    }

    /**
     * What the PgBouncer did.
     *
     * @param settings       as started
     * @param version        {@code PgBouncer 1.18.0}
     * @param serverRefused  server logins PostgreSQL refused to PgBouncer (from PgBouncer's log)
     */
    public record PoolerOutcome(PoolerSettings settings, String version, long serverRefused) {
    }

    /** The most client sessions the server had at once (every role, the soak's admin sessions included). */
    public int sessionsMax() {
        return samples.stream().mapToInt(SessionSample::sessions).max().orElse(0);
    }

    /** The most of the fleet's sessions at once. */
    public int fleetSessionsMax() {
        return samples.stream().mapToInt(SessionSample::fleetSessions).max().orElse(0);
    }

    /** Sessions roles without superuser rights may hold: {@code max_connections − superuser_reserved_connections}. */
    public int applicationLimit() {
        return serverMaxConnections - superuserReserved;
    }

    /** Connections the server refused: to the pools directly, and to PgBouncer. */
    public long refused() {
        long direct = services.stream().mapToLong(s -> s.refusedBySqlState().getOrDefault(TOO_MANY_CONNECTIONS, 0L)).sum();
        return direct + pooler.map(PoolerOutcome::serverRefused).orElse(0L);
    }

    public long offered() {
        return services.stream().mapToLong(ServiceResult::offered).sum();
    }

    public long goodput() {
        return services.stream().mapToLong(ServiceResult::goodput).sum();
    }

    public long errors() {
        return services.stream().mapToLong(ServiceResult::errors).sum();
    }

    /** goodput / offered of the whole fleet. */
    public double goodputRatio() {
        long offered = offered();
        return offered == 0 ? Double.NaN : (double) goodput() / offered;
    }

    /** Services whose pools were refused connections, lowest goodput ratio first. */
    public List<ServiceResult> refusedServices() {
        return services.stream().filter(s -> s.tooManyConnections() > 0 || s.refused() > 0)
                .sorted(Comparator.comparingDouble(ServiceResult::goodputRatio)).toList();
    }

    public Optional<ServiceResult> service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
