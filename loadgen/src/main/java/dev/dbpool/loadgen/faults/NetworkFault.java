package dev.dbpool.loadgen.faults;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.netfault.FaultProxy;

import java.time.Duration;

/**
 * The network faults, on the soak's {@link FaultProxy} between the pool and the database: {@code latency}
 * (every chunk delayed), {@code blackhole} (nothing flows, nothing is reset) and {@code reset} (every
 * connection reset at once). Admin sessions (the table lock, the session killer) do not go through it.
 */
final class NetworkFault implements FaultAction {

    private final Fault fault;
    private final FaultProxy proxy;

    NetworkFault(Fault fault, FaultProxy proxy) {
        this.fault = fault;
        this.proxy = proxy;
    }

    @Override
    public void begin() {
        switch (fault.kind()) {
            case LATENCY -> proxy.latency(fault.delay());
            case BLACKHOLE -> proxy.blackhole(true);
            case RESET -> proxy.resetAll();
            default -> throw new IllegalStateException(fault + " is no network fault");
        }
    }

    @Override
    public void end() {
        switch (fault.kind()) {
            case LATENCY -> proxy.latency(Duration.ZERO);
            case BLACKHOLE -> proxy.blackhole(false);
            default -> {
                // a reset has nothing to undo
            }
        }
    }
}
