package dev.dbpool.loadgen;

import dev.dbpool.loadgen.engine.RunAdmission;
import dev.dbpool.loadgen.engine.RequestThreads;
import dev.dbpool.loadgen.model.Arrival;
import dev.dbpool.loadgen.model.DurationText;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RecoveryTolerance;
import dev.dbpool.loadgen.model.RetryPolicy;
import dev.dbpool.loadgen.model.RequestGate;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.loadgen.peers.PeerSettingsSet;

import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.Parameters;
import dev.dbpool.runtime.config.InvalidConfigException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One soak experiment, immutable and validated: the same seeded schedule is run once per mode.
 * Start from {@link #builder(String)}; the defaults are the scenario of {@code dbpool soak --service X}.
 *
 * @param threads        the simulated service's request threads ({@code --threads}), or
 *                       {@link #VIRTUAL_THREADS} for a virtual thread per request (Java 21+)
 * @param threshold      the threshold policy's threshold ({@code --threshold})
 * @param policyParameters where every policy's parameters come from (the environment in the CLI); the
 *                       threshold policy's threshold is {@code threshold}, see {@link #admission(Mode)}
 * @param deadline       a request that succeeded within it from its intended start is good, after it late
 * @param modes          the runs, in order: wait, the policies, the peers
 * @param acquireTimeout the pool's acquire timeout; {@code null} keeps the preset's (10 s)
 * @param retry          how the simulated clients retry ({@code --retries}; {@link RetryPolicy#NONE} by default)
 * @param peers          the peer libraries' settings ({@code --peer}; their defaults otherwise)
 * @param capacityProbe  how long the closed-loop phase before the runs measures the pool's capacity, every
 *                       connection busy with the workload; {@link Duration#ZERO}: not measured
 */
public record SoakScenario(
        String service,
        Duration duration,
        double ratePerSecond,
        Arrival arrival,
        int threads,
        double threshold,
        Parameters policyParameters,
        Duration deadline,
        List<Fault> faults,
        long seed,
        Duration warmup,
        List<Mode> modes,
        Workload workload,
        Duration acquireTimeout,
        RecoveryTolerance tolerance,
        RetryPolicy retry,
        PeerSettingsSet peers,
        Duration capacityProbe) {

    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final double DEFAULT_RATE = 1500;
    public static final int DEFAULT_THREADS = 200;
    /** {@code threads} for a virtual thread per request ({@code --threads virtual}, Java 21+). */
    public static final int VIRTUAL_THREADS = RequestThreads.VIRTUAL;
    public static final long DEFAULT_SEED = 1;
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(3);
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(1);
    /**
     * The default timeline: 15 s of steady state, a 12 s slowdown (longer than the preset's 10 s acquire
     * timeout, so that waiting requests time out), then 33 s to recover: enough for a waiting service to
     * work off the backlog the stall built (it drains at capacity minus arrivals, about half the rate).
     */
    public static final List<Fault> DEFAULT_FAULTS = List.of(
            Fault.of(FaultKind.SLOWDOWN, Duration.ofSeconds(15), Duration.ofSeconds(12)));
    /** The windows before the first fault are the steady state it is measured against: at least this many. */
    public static final Duration MIN_STEADY_STATE = Duration.ofSeconds(3);
    /** Intended starts are precomputed; this keeps one run's schedule within a few hundred MB. */
    public static final long MAX_ARRIVALS = 20_000_000L;

    public SoakScenario {
        if (service == null || service.isBlank()) {
            throw new InvalidConfigException("service must name a service, got '" + service + "'");
        }
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(tolerance, "tolerance");
        Objects.requireNonNull(policyParameters, "policyParameters");
        retry = retry == null ? RetryPolicy.NONE : retry;
        peers = peers == null ? PeerSettingsSet.DEFAULTS : peers;
        capacityProbe = capacityProbe == null ? Duration.ZERO : capacityProbe;
        if (capacityProbe.isNegative()) {
            throw new InvalidConfigException("capacityProbe must not be negative, got '"
                    + DurationText.format(capacityProbe) + "'");
        }
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new InvalidConfigException("deadline must be positive, got '"
                    + (deadline == null ? "" : DurationText.format(deadline)) + "'");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigException("duration must be positive, got '"
                    + (duration == null ? "" : DurationText.format(duration)) + "'");
        }
        if (!(ratePerSecond > 0) || !Double.isFinite(ratePerSecond)) {
            throw new InvalidConfigException("rate must be a positive number of arrivals per second, got '"
                    + formatNumber(ratePerSecond) + "'");
        }
        if (threads < 1) {
            throw new InvalidConfigException("threads must be a positive integer, got '" + threads + "'");
        }
        if (threads == RequestThreads.VIRTUAL && !RequestThreads.virtualAvailable()) {
            throw new InvalidConfigException("threads virtual needs Java 21 or later (a virtual thread per request), "
                    + "and this is Java " + Runtime.version().feature() + ": run it on a JDK 21+ (JAVA_HOME), "
                    + "or give threads a number of platform threads");
        }
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new InvalidConfigException("threshold must be a number from 0.0 to 1.0, got '"
                    + formatNumber(threshold) + "'");
        }
        if (warmup == null || warmup.isNegative()) {
            throw new InvalidConfigException("warmup must not be negative, got '" + warmup + "'");
        }
        if (acquireTimeout != null && (acquireTimeout.isNegative() || acquireTimeout.isZero())) {
            throw new InvalidConfigException("acquireTimeout must be positive, got '"
                    + DurationText.format(acquireTimeout) + "'");
        }
        if (modes == null || modes.isEmpty()) {
            throw new InvalidConfigException("modes must name at least one of " + Mode.labels());
        }
        modes = List.copyOf(new java.util.LinkedHashSet<>(modes));
        List<Fault> sorted = new ArrayList<>(faults == null ? List.of() : faults);
        sorted.sort(Comparator.comparing(Fault::start));
        faults = List.copyOf(sorted);
        for (Fault fault : faults) {
            if (fault.end().compareTo(duration) > 0) {
                throw new InvalidConfigException("fault " + fault + " ends at " + DurationText.format(fault.end())
                        + ", after the end of the run (duration " + DurationText.format(duration)
                        + "); leave time after it to measure recovery");
            }
        }
        if (!faults.isEmpty() && faults.get(0).start().compareTo(MIN_STEADY_STATE) < 0) {
            throw new InvalidConfigException("fault " + faults.get(0) + " starts before "
                    + DurationText.format(MIN_STEADY_STATE) + ": the windows before the first fault are the "
                    + "steady state that impact and recovery are measured against");
        }
        double expected = ratePerSecond * (duration.toNanos() + warmup.toNanos()) / 1e9;
        for (Fault fault : faults) {
            if (fault.kind() == FaultKind.SPIKE) {
                expected += ratePerSecond * (fault.factor() - 1) * fault.length().toNanos() / 1e9;
            }
        }
        if (expected > MAX_ARRIVALS) {
            throw new InvalidConfigException(String.format(java.util.Locale.ROOT,
                    "rate %s for duration %s asks for %,.0f arrivals; at most %,d per run",
                    formatNumber(ratePerSecond), DurationText.format(duration), expected, MAX_ARRIVALS));
        }
    }

    /** Whether the simulated service runs a virtual thread per request instead of a fixed set of request threads. */
    public boolean virtualThreads() {
        return threads == VIRTUAL_THREADS;
    }

    public static Builder builder(String service) {
        return new Builder(service);
    }

    /**
     * The admission of one run's pool: none for wait, {@link #threshold} for the threshold policy, and
     * for any other policy its settings read from {@link #policyParameters}.
     */
    public AdmissionSettings admission(Mode mode) {
        Optional<String> policy = mode.policy();
        if (policy.isEmpty()) {
            return Admission.none();
        }
        if (mode.isThreshold()) {
            return new ThresholdSettings(threshold);
        }
        return Admission.read(policy.get(), policyParameters);
    }

    /**
     * How a run of {@code mode} admits requests to a pool of {@code poolSize}: its pool's admission, and its
     * peer's fresh gate around plain waiting. Build it once per run: a policy and a limiter keep state.
     */
    public RunAdmission runAdmission(Mode mode, int poolSize) {
        RequestGate gate = mode.gate().map(p -> peers.of(p).newGate(poolSize)).orElse(RequestGate.OPEN);
        return new RunAdmission(mode, admission(mode), gate, describe(mode, poolSize));
    }

    /** {@code wait}, {@code codel(...)}, {@code vegas(SimpleLimiter + VegasLimit, ...)}: the settings as applied. */
    public String describe(Mode mode, int poolSize) {
        if (mode.isWait()) {
            return "wait";
        }
        return mode.gate().map(peers::of).map(p -> p.describe(poolSize)).orElseGet(() -> admission(mode).describe());
    }

    /** The policy a pool gets by default. */
    public Mode defaultPolicy() {
        return Mode.DEFAULT_POLICY;
    }

    public boolean hasFaults() {
        return !faults.isEmpty();
    }

    /** Whether a fault acts on the network, so that the pools go through the soak's proxy. */
    public boolean hasNetworkFaults() {
        return faults.stream().anyMatch(f -> f.kind().isNetwork());
    }

    /** A copy for building variations (tests, a second run with another seed). */
    public Builder toBuilder() {
        return new Builder(service).duration(duration).rate(ratePerSecond).arrival(arrival).threads(threads)
                .threshold(threshold).policyParameters(policyParameters).deadline(deadline).faults(faults).seed(seed).warmup(warmup).modes(modes).workload(workload)
                .acquireTimeout(acquireTimeout).tolerance(tolerance).retry(retry).peers(peers)
                .capacityProbe(capacityProbe);
    }

    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Mutable, unchecked until {@link #build()}. */
    public static final class Builder {
        private final String service;
        private Duration duration = DEFAULT_DURATION;
        private double rate = DEFAULT_RATE;
        private Arrival arrival = Arrival.POISSON;
        private int threads = DEFAULT_THREADS;
        private double threshold = ThresholdSettings.DEFAULT_THRESHOLD;
        private Parameters policyParameters = Parameters.of(name -> null);
        private Duration deadline = DEFAULT_DEADLINE;
        private List<Fault> faults = DEFAULT_FAULTS;
        private long seed = DEFAULT_SEED;
        private Duration warmup = DEFAULT_WARMUP;
        private List<Mode> modes = Mode.defaults();
        private Workload workload = Workload.ofDefaults();
        private Duration acquireTimeout;
        private RecoveryTolerance tolerance = RecoveryTolerance.DEFAULTS;
        private RetryPolicy retry = RetryPolicy.NONE;
        private PeerSettingsSet peers = PeerSettingsSet.DEFAULTS;
        private Duration capacityProbe = Duration.ZERO;

        private Builder(String service) {
            this.service = service;
        }

        public Builder duration(Duration value) {
            this.duration = value;
            return this;
        }

        public Builder rate(double value) {
            this.rate = value;
            return this;
        }

        public Builder arrival(Arrival value) {
            this.arrival = value;
            return this;
        }

        public Builder threads(int value) {
            this.threads = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        /** Where every policy's parameters come from; {@link #threshold} still sets the threshold policy's. */
        public Builder policyParameters(Parameters value) {
            this.policyParameters = value;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = value;
            return this;
        }

        public Builder faults(List<Fault> value) {
            this.faults = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder warmup(Duration value) {
            this.warmup = value;
            return this;
        }

        public Builder modes(List<Mode> value) {
            this.modes = value;
            return this;
        }

        public Builder workload(Workload value) {
            this.workload = value;
            return this;
        }

        /** {@code null} keeps the preset's acquire timeout. */
        public Builder acquireTimeout(Duration value) {
            this.acquireTimeout = value;
            return this;
        }

        public Builder tolerance(RecoveryTolerance value) {
            this.tolerance = value;
            return this;
        }

        /** How the clients retry; {@link RetryPolicy#NONE} (the default) never does. */
        public Builder retry(RetryPolicy value) {
            this.retry = value;
            return this;
        }

        /** The peer libraries' settings; their defaults unless given. */
        public Builder peers(PeerSettingsSet value) {
            this.peers = value;
            return this;
        }

        /** The closed-loop phase that measures capacity before the runs; {@link Duration#ZERO} (the default) skips it. */
        public Builder capacityProbe(Duration value) {
            this.capacityProbe = value;
            return this;
        }

        public SoakScenario build() {
            return new SoakScenario(service, duration, rate, arrival, threads, threshold, policyParameters, deadline,
                    faults, seed, warmup,
                    modes, workload, acquireTimeout, tolerance, retry, peers, capacityProbe);
        }
    }
}
