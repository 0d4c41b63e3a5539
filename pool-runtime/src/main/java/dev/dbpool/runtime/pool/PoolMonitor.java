package dev.dbpool.runtime.pool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Looks at the pool every interval (30 s by default) and logs sustained exhaustion: a warning when
 * utilization has been at or above the threshold for two looks in a row, and a note when it is
 * back. The metrics themselves are read live at scrape time and need no refresh.
 */
public final class PoolMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolMonitor.class);

    private final String service;
    private final IntSupplier active;
    private final IntSupplier pending;
    private final int max;
    private final double threshold;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private int saturatedLooks;

    public PoolMonitor(String service, IntSupplier active, IntSupplier pending, int max, double threshold,
                       Duration interval) {
        this.service = service;
        this.active = active;
        this.pending = pending;
        this.max = max;
        this.threshold = threshold;
        this.interval = interval;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dbpool-monitor-" + service);
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        scheduler.scheduleAtFixedRate(this::look, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One look; package-visible work is all here so that it is easy to follow. */
    void look() {
        try {
            int inUse = active.getAsInt();
            double utilization = (double) inUse / max;
            if (utilization >= threshold) {
                saturatedLooks++;
                if (saturatedLooks >= 2) {
                    LOG.warn("{} pool exhausted for {}s: active={}, max={}, waiting={}, utilization={}",
                            service, interval.multipliedBy(saturatedLooks - 1L).toSeconds(), inUse, max,
                            pending.getAsInt(), String.format(java.util.Locale.ROOT, "%.2f", utilization));
                }
            } else {
                if (saturatedLooks >= 2) {
                    LOG.info("{} pool recovered: active={}, max={}", service, inUse, max);
                }
                saturatedLooks = 0;
            }
        } catch (RuntimeException e) {
            LOG.debug("{} pool monitor could not read the pool", service, e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
