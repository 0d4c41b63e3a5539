package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A fleet soak: every service's pools × replicas against one PostgreSQL, directly or through a
 * PgBouncer, under faults on the shared workload (by default a table lock long enough that every pool
 * grows to its maximum).
 *
 * @param source              the fleet's name ({@code presets} or the file)
 * @param services            at least one
 * @param maxConnections      the server's {@code max_connections} (the plan's, or the server's own)
 * @param reservedConnections the plan's reserve: what it keeps back from the fleet
 * @param fitted              whether the pools run at the plan's proportional fit
 * @param pooler              the PgBouncer to start, when the pools go through one
 * @param duration            measured length of the run
 * @param warmup              unmeasured load first
 * @param faults              on the run's timeline (slowdown, spike, restart)
 * @param seed                of every replica's arrivals and workload
 * @param rows                rows in the shared table
 * @param writePercent        share of requests that also update their row
 * @param acquireTimeout      every pool's acquire timeout
 * @param deadline            a request that succeeded within it from its intended start is good
 * @param threadsPerReplica   request threads per replica; 0 = twice its pool's maximum (at least 4)
 */
public record FleetScenario(String source, List<FleetService> services, int maxConnections, int reservedConnections,
                            boolean fitted, Optional<PoolerSettings> pooler, Duration duration, Duration warmup,
                            List<Fault> faults, long seed, int rows, int writePercent, Duration acquireTimeout,
                            Duration deadline, int threadsPerReplica) {

    /** A stall of 12 s, 10 s into the run: past the 10 s acquire timeout of the presets, so every pool grows to its max. */
    public static final List<Fault> DEFAULT_FAULTS = List.of(
            Fault.of(FaultKind.SLOWDOWN, Duration.ofSeconds(10), Duration.ofSeconds(12)));
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(40);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(3);
    /** Where a service has no {@code peak_qps}: each replica's pool busy this share of its max on average. */
    public static final double DEFAULT_UTILIZATION = 0.08;
    /** Where a service has no {@code hold_ms}. */
    public static final Duration DEFAULT_HOLD = Duration.ofMillis(25);
    /** Pools start with at most this many connections, so that growth under the stall is what meets the limit. */
    public static final int MAX_MIN_CONNECTIONS = 1;
    /** PostgreSQL's default {@code superuser_reserved_connections}, the embedded server's too. */
    public static final int SUPERUSER_RESERVED = 3;

    public FleetScenario {
        Objects.requireNonNull(source, "source");
        services = List.copyOf(services);
        Objects.requireNonNull(pooler, "pooler");
        faults = List.copyOf(faults);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a fleet soak needs at least one service");
        }
        if (duration.isZero() || duration.isNegative() || warmup.isNegative() || acquireTimeout.isZero()
                || acquireTimeout.isNegative() || deadline.isZero() || deadline.isNegative() || threadsPerReplica < 0) {
            throw new IllegalArgumentException("invalid fleet scenario: duration " + duration + ", warm-up " + warmup
                    + ", acquire timeout " + acquireTimeout + ", deadline " + deadline + ", threads " + threadsPerReplica);
        }
        for (Fault f : faults) {
            if (f.kind() == FaultKind.KILL) {
                throw new IllegalArgumentException("fault kill is not supported by the fleet soak (it ends one "
                        + "pool's sessions); use slowdown, spike or restart");
            }
            if (f.end().compareTo(duration) > 0) {
                throw new IllegalArgumentException("fault " + f + " ends after the run's " + duration.toSeconds() + "s");
            }
        }
    }

    /** Σ max × replicas: what the pools may open against the server (or PgBouncer). */
    public long allocated() {
        return services.stream().mapToLong(FleetService::allocated).sum();
    }

    /** {@code max_connections − reserved}: what the plan gives the fleet. */
    public int available() {
        return maxConnections - reservedConnections;
    }

    /** Replicas of every service. */
    public int replicas() {
        return services.stream().mapToInt(FleetService::replicas).sum();
    }

    /** Arrivals per second of the whole fleet. */
    public double ratePerSecond() {
        return services.stream().mapToDouble(FleetService::ratePerSecond).sum();
    }

    /** Request threads of one replica of {@code service}. */
    public int threadsFor(FleetService service) {
        return threadsPerReplica > 0 ? threadsPerReplica : Math.max(4, 2 * service.maxConnections());
    }

    /** The embedded server's {@code superuser_reserved_connections}: PostgreSQL's default 3, never more than the plan reserves or leaves room for. */
    public int superuserReserved() {
        return Math.max(0, Math.min(Math.min(SUPERUSER_RESERVED, reservedConnections), maxConnections - 1));
    }
}
