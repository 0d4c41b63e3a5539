package dev.dbpool.loadgen.peers;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import dev.dbpool.loadgen.model.RequestGate;

import java.util.Optional;

/**
 * Netflix concurrency-limits around a request: {@code SimpleLimiter.acquire} admits it (or rejects it
 * at once when the in-flight count is at the limit), and the request's way out is the listener's
 * {@code onSuccess}, {@code onDropped} or {@code onIgnore}, from which the limit algorithm learns.
 */
final class LimiterGate implements RequestGate {

    private final Limiter<Void> limiter;

    LimiterGate(String name, Limit limit) {
        this.limiter = SimpleLimiter.newBuilder().named(name).limit(limit).build();
    }

    @Override
    public Optional<Permit> enter() {
        return limiter.acquire(null).map(ListenerPermit::new);
    }

    private record ListenerPermit(Limiter.Listener listener) implements Permit {
        @Override
        public void succeeded() {
            listener.onSuccess();
        }

        @Override
        public void dropped() {
            listener.onDropped();
        }

        @Override
        public void ignored() {
            listener.onIgnore();
        }
    }
}
