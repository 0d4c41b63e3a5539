package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.RequestGate;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;

import java.util.Optional;

/**
 * A Resilience4j bulkhead around a request, the protocol its decorators follow: a permission first
 * ({@code tryAcquirePermission}, waiting up to {@code maxWaitDuration} for one; refused: rejected),
 * {@code onComplete} when the request is done, however it went. A bulkhead learns nothing.
 */
final class BulkheadGate implements RequestGate {

    private final Bulkhead bulkhead;
    private final Permit complete;

    BulkheadGate(String name, BulkheadConfig config) {
        this.bulkhead = Bulkhead.of(name, config);
        Runnable onComplete = bulkhead::onComplete;
        this.complete = new Permit() {
            @Override
            public void succeeded() {
                onComplete.run();
            }

            @Override
            public void dropped() {
                onComplete.run();
            }

            @Override
            public void ignored() {
                onComplete.run();
            }
        };
    }

    @Override
    public Optional<Permit> enter() {
        return bulkhead.tryAcquirePermission() ? Optional.of(complete) : Optional.empty();
    }
}
