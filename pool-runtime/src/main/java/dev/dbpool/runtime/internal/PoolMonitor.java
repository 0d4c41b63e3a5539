package dev.dbpool.runtime.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;

/**
 * Looks at the pool every interval (30 s by default) and logs sustained exhaustion: a warning when,
 * for two looks in a row, requests could not get a connection at once (threads were waiting for one,
 * requests were shed since the last look, or the admission policy was in its overloaded regime), and
 * a note when that is over. A busy pool with every connection in use and nobody waiting is not
 * exhausted: it is doing its job. The metrics themselves are read live at scrape time.
 */
public final class PoolMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolMonitor.class);

    private final String service;
    private final IntSupplier active;
    private final IntSupplier waiting;
    private final DoubleSupplier shedTotal;
    private final BooleanSupplier overloaded;
    private final int max;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private double shedAtLastLook;
    private int exhaustedLooks;

    /**
     * @param shedTotal  requests shed so far (a counter: the monitor looks at its growth)
     * @param overloaded whether the admission policy is in its overloaded regime
     */
    public PoolMonitor(String service, IntSupplier active, IntSupplier waiting, DoubleSupplier shedTotal,
                       BooleanSupplier overloaded, int max, Duration interval) {
        this.service = service;
        this.active = active;
        this.waiting = waiting;
        this.shedTotal = shedTotal;
        this.overloaded = overloaded;
        this.max = max;
        this.interval = interval;
        this.shedAtLastLook = shedTotal.getAsDouble();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbpool-monitor-" + service);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::look, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One look; the warning it logged, if it logged one. */
    Optional<String> look() {
        try {
            int inUse = active.getAsInt();
            int waiters = waiting.getAsInt();
            double shedNow = shedTotal.getAsDouble();
            long shed = Math.round(shedNow - shedAtLastLook);
            shedAtLastLook = shedNow;
            boolean policyOverloaded = overloaded.getAsBoolean();
            if (waiters > 0 || shed > 0 || policyOverloaded) {
                exhaustedLooks++;
                if (exhaustedLooks >= 2) {
                    String warning = service + " pool exhausted for "
                            + interval.multipliedBy(exhaustedLooks - 1L).toSeconds() + "s: " + waiters
                            + " threads waiting for a connection, " + shed + " requests shed in the last "
                            + interval.toSeconds() + "s" + (policyOverloaded ? ", admission overloaded" : "")
                            + " (active=" + inUse + ", max=" + max + ")";
                    LOG.warn(warning);
                    return Optional.of(warning);
                }
            } else {
                if (exhaustedLooks >= 2) {
                    LOG.info("{} pool recovered: nobody waiting, nothing shed (active={}, max={})", service, inUse, max);
                }
                exhaustedLooks = 0;
            }
        } catch (RuntimeException e) {
            LOG.debug("{} pool monitor could not read the pool", service, e);
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
