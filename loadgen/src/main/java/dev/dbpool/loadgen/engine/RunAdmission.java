package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RequestGate;
import dev.dbpool.runtime.BackpressureConfig;

import java.util.Objects;

/**
 * How one run admits requests, resolved from its {@link Mode} and the scenario's parameters: the pool's
 * own admission (a policy, or none: plain waiting) and the gate around each request (open, or a peer
 * library's limiter). Built once per run: a policy and a limiter keep state.
 *
 * @param mode        the run's mode
 * @param policy      the runtime policy applied on each acquire; {@code null}: plain waiting
 * @param gate        what each request passes before it uses the pool
 * @param description the settings as applied, for the report ({@code codel(target=5ms, interval=100ms)})
 */
public record RunAdmission(Mode mode, BackpressureConfig policy, RequestGate gate, String description) {

    public RunAdmission {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(description, "description");
    }

    /** Plain waiting: no policy, no gate. */
    public static RunAdmission waiting() {
        return new RunAdmission(Mode.WAIT, null, RequestGate.OPEN, "wait");
    }
}
