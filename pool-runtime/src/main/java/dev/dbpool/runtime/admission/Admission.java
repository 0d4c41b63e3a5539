package dev.dbpool.runtime.admission;

import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The admission policies a pool can be given by name, and the default. A built-in policy is one
 * settings class plus one line in {@link #CATALOG}.
 *
 * <ul>
 *   <li>{@code codel} ({@link CoDelSettings}), the default: sheds on a standing queue;</li>
 *   <li>{@code threshold} ({@link ThresholdSettings}): refuses above a share of the pool in use;</li>
 *   <li>{@code none} ({@link #none()}): no admission, every request waits up to the acquire timeout
 *       as plain HikariCP does.</li>
 * </ul>
 */
public final class Admission {

    public static final String ENV_POLICY = "DB_POOL_BACKPRESSURE_POLICY";
    public static final String DEFAULT_NAME = CoDelSettings.NAME;

    /** Name to reader: how each policy's settings are read from variables or properties. */
    private static final Map<String, Function<Parameters, AdmissionSettings>> CATALOG = new LinkedHashMap<>();

    static {
        CATALOG.put(CoDelSettings.NAME, CoDelSettings::from);
        CATALOG.put(ThresholdSettings.NAME, ThresholdSettings::from);
        CATALOG.put(NoAdmission.NAME, parameters -> NoAdmission.INSTANCE);
    }

    /** Names no longer served, and what to use instead. */
    private static final Map<String, String> RETIRED = Map.of("deadline",
            "the deadline policy was retired: it let every request wait its whole deadline, so under overload it "
                    + "answered nothing in time; use codel (the default) or threshold");

    private Admission() {
    }

    /** No admission: every request waits for a connection up to the acquire timeout. */
    public static AdmissionSettings none() {
        return NoAdmission.INSTANCE;
    }

    /** The default policy with its default parameters: {@code codel(target=5ms, interval=100ms)}. */
    public static AdmissionSettings ofDefaults() {
        return CoDelSettings.ofDefaults();
    }

    /** Whether {@code settings} means no admission at all. */
    public static boolean isNone(AdmissionSettings settings) {
        return settings instanceof NoAdmission;
    }

    /** Every policy name, the default first: {@code codel, threshold, none}. */
    public static List<String> names() {
        return List.copyOf(CATALOG.keySet());
    }

    /** The policy called {@code name} (any case) with its default parameters, if there is one. */
    public static Optional<AdmissionSettings> named(String name) {
        return find(name).map(reader -> reader.apply(Parameters.of(key -> null)));
    }

    /**
     * The policy called {@code name} (any case) with its parameters read from {@code parameters}
     * (whatever {@value #ENV_POLICY} says there).
     *
     * @throws InvalidConfigException for an unknown name or a bad parameter
     */
    public static AdmissionSettings read(String name, Parameters parameters) {
        return find(name).orElseThrow(() -> unknown(parameters, name)).apply(parameters);
    }

    /**
     * The policy {@value #ENV_POLICY} names (the default when it is unset; {@code threshold} when only
     * {@link ThresholdSettings#ENV_THRESHOLD} is set, which is how a threshold was chosen before there
     * were other policies), with its parameters read from {@code parameters}.
     *
     * @throws InvalidConfigException naming the variable (or property) and the value
     */
    public static AdmissionSettings from(Parameters parameters) {
        String name = parameters.raw(ENV_POLICY);
        if (name == null) {
            name = parameters.raw(ThresholdSettings.ENV_THRESHOLD) != null ? ThresholdSettings.NAME : DEFAULT_NAME;
        }
        return read(name, parameters);
    }

    private static Optional<Function<Parameters, AdmissionSettings>> find(String name) {
        return Optional.ofNullable(name).map(n -> CATALOG.get(n.strip().toLowerCase(Locale.ROOT)));
    }

    private static InvalidConfigException unknown(Parameters parameters, String name) {
        String retired = RETIRED.get(name.strip().toLowerCase(Locale.ROOT));
        if (retired != null) {
            return new InvalidConfigException(parameters.name(ENV_POLICY) + "='" + name + "': " + retired);
        }
        return InvalidConfigException.mustBe(parameters.name(ENV_POLICY), "one of " + String.join(", ", names()), name);
    }

    /** No policy: the pool waits as HikariCP does. */
    private static final class NoAdmission implements AdmissionSettings {

        static final String NAME = "none";
        static final NoAdmission INSTANCE = new NoAdmission();

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public AdmissionPolicy newPolicy() {
            return new AdmissionPolicy() {
                @Override
                public long admit(Occupancy pool, long timeoutNanos) {
                    return timeoutNanos;
                }

                @Override
                public boolean overloaded() {
                    return false;
                }

                @Override
                public String shedReason(int inUse, int max, boolean waited, boolean overloaded) {
                    return "no admission policy";
                }
            };
        }

        @Override
        public String describe() {
            return NAME;
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(1);
        }

        @Override
        public String toString() {
            return NAME;
        }
    }
}
