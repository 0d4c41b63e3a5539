package dev.dbpool.loadgen.model;

import java.util.Optional;

/**
 * What stands between a request and the pool in one run: nothing ({@link #OPEN}), or a peer library's
 * limiter, which admits a request or refuses it and learns from how each admitted request went. One
 * gate per run: a limiter keeps state.
 */
public interface RequestGate {

    /** Admits every request and learns nothing: the runs of the runtime's own admission. */
    RequestGate OPEN = new RequestGate() {
        private final Optional<Permit> always = Optional.of(Permit.NONE);

        @Override
        public Optional<Permit> enter() {
            return always;
        }
    };

    /** A permit when the request may use the pool, else empty: the request is rejected. */
    Optional<Permit> enter();

    /** An admitted request's way out; exactly one of the three, once. */
    interface Permit {

        Permit NONE = new Permit() {
            @Override
            public void succeeded() {
            }

            @Override
            public void dropped() {
            }

            @Override
            public void ignored() {
            }
        };

        /** It got its connection and did its work: a sample of the latency under load. */
        void succeeded();

        /** It timed out waiting for a connection, or was shed: a sign of overload. */
        void dropped();

        /** It failed otherwise (a database error): says nothing about the load. */
        void ignored();

        /** The one exit for {@code outcome}: succeeded, dropped on a timeout or a shed, ignored on an error. */
        default void exit(Outcome outcome) {
            switch (outcome) {
                case SUCCEEDED -> succeeded();
                case TIMED_OUT, REJECTED -> dropped();
                case ERROR -> ignored();
            }
        }
    }
}
