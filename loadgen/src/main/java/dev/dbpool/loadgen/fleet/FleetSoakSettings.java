package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to soak a fleet, apart from the fleet itself: the parameters {@link FleetPlanScenario} turns a plan into a
 * {@link FleetScenario} with. Built with {@link #builder()}; every parameter has a default.
 *
 * @param fit                 run every pool at the plan's proportional fit
 * @param load                each service runs at its {@code peak_qps} × load
 * @param pgbouncer           whether the pools go through a PgBouncer sized from the plan
 * @param maxConnections      the database's {@code max_connections} when the fleet does not give it
 * @param reservedConnections what the plan keeps back when the fleet does not say
 * @param databaseUrl         the server soaked, whose limits the plan then reads; empty for an embedded one
 * @param duration            measured length of the run
 * @param warmup              unmeasured load first
 * @param hold                where a service has no {@code hold_ms}: time each request keeps its connection
 * @param deadline            a request that succeeded within it from its intended start is good
 * @param acquireTimeout      every pool's acquire timeout
 * @param faults              on the run's timeline
 * @param threadsPerReplica   request threads per replica; 0 = twice its pool's maximum (at least 4)
 * @param seed                of every replica's arrivals and workload
 * @param rows                rows in the shared table
 * @param writePercent        share of requests that also update their row
 */
public record FleetSoakSettings(boolean fit, double load, boolean pgbouncer, OptionalInt maxConnections,
                                OptionalInt reservedConnections, Optional<String> databaseUrl, Duration duration,
                                Duration warmup, Duration hold, Duration deadline, Duration acquireTimeout,
                                List<Fault> faults, int threadsPerReplica, long seed, int rows, int writePercent) {

    public FleetSoakSettings {
        Objects.requireNonNull(maxConnections, "maxConnections");
        Objects.requireNonNull(reservedConnections, "reservedConnections");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        faults = List.copyOf(faults);
        if (!(load > 0) || Double.isInfinite(load)) {
            throw new InvalidConfigException("load must be a positive factor, got " + load);
        }
        if (threadsPerReplica < 0) {
            throw new InvalidConfigException("threads must be at least 1 (or 0: twice each pool's maximum), got "
                    + threadsPerReplica);
        }
        if (hold.isNegative()) {
            throw new InvalidConfigException("hold must not be negative, got " + hold);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: the fleet at its {@code peak_qps}, directly on the server, 40 s with a 12 s stall at 10 s. */
    public static final class Builder {
        private boolean fit;
        private double load = 1.0;
        private boolean pgbouncer;
        private OptionalInt maxConnections = OptionalInt.empty();
        private OptionalInt reservedConnections = OptionalInt.empty();
        private Optional<String> databaseUrl = Optional.empty();
        private Duration duration = FleetScenario.DEFAULT_DURATION;
        private Duration warmup = FleetScenario.DEFAULT_WARMUP;
        private Duration hold = FleetScenario.DEFAULT_HOLD;
        // The single-service soak's defaults for the deadline and the seed (SoakScenario), the workload's for
        // its table.
        private Duration deadline = Duration.ofSeconds(1);
        private Duration acquireTimeout = DbConfig.DEFAULT_ACQUIRE_TIMEOUT;
        private List<Fault> faults = FleetScenario.DEFAULT_FAULTS;
        private int threadsPerReplica;
        private long seed = 1;
        private int rows = Workload.DEFAULT_ROWS;
        private int writePercent = Workload.DEFAULT_WRITE_PERCENT;

        private Builder() {
        }

        public Builder fit(boolean value) { fit = value; return this; }
        public Builder load(double value) { load = value; return this; }
        public Builder pgbouncer(boolean value) { pgbouncer = value; return this; }
        public Builder maxConnections(OptionalInt value) { maxConnections = value; return this; }
        public Builder reservedConnections(OptionalInt value) { reservedConnections = value; return this; }
        public Builder databaseUrl(Optional<String> value) { databaseUrl = value; return this; }
        public Builder duration(Duration value) { duration = value; return this; }
        public Builder warmup(Duration value) { warmup = value; return this; }
        public Builder hold(Duration value) { hold = value; return this; }
        public Builder deadline(Duration value) { deadline = value; return this; }
        public Builder acquireTimeout(Duration value) { acquireTimeout = value; return this; }
        /** Empty: the default stall. */
        public Builder faults(List<Fault> value) {
            faults = value.isEmpty() ? FleetScenario.DEFAULT_FAULTS : value;
            return this;
        }
        public Builder threadsPerReplica(int value) { threadsPerReplica = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder rows(int value) { rows = value; return this; }
        public Builder writePercent(int value) { writePercent = value; return this; }

        public FleetSoakSettings build() {
            return new FleetSoakSettings(fit, load, pgbouncer, maxConnections, reservedConnections, databaseUrl,
                    duration, warmup, hold, deadline, acquireTimeout, faults, threadsPerReplica, seed, rows,
                    writePercent);
        }
    }
}
