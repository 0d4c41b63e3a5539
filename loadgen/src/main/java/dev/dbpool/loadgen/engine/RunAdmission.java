package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RequestGate;
import dev.dbpool.runtime.admission.Admission;
import dev.dbpool.runtime.admission.AdmissionSettings;

import java.util.Objects;

/**
 * How one run admits requests, resolved from its {@link Mode} and the scenario's parameters: the pool's
 * own admission (a policy, or none: plain waiting) and the gate around each request (open, or a peer
 * library's limiter). Built once per run: a limiter keeps state.
 *
 * @param mode        the run's mode
 * @param pool        the admission the run's pool is built with ({@link Admission#none()}: plain waiting)
 * @param gate        what each request passes before it uses the pool
 * @param description the settings as applied, for the report ({@code codel(target=5ms, interval=100ms)})
 */
public record RunAdmission(Mode mode, AdmissionSettings pool, RequestGate gate, String description) {

    public RunAdmission {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(description, "description");
    }
}
