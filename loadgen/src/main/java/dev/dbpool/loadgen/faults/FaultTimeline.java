package dev.dbpool.loadgen.faults;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultEvent;
import dev.dbpool.loadgen.model.FaultKind;

import dev.dbpool.runtime.DatabaseUrl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a scenario's faults at their times: each one's {@link FaultAction#begin()} at its start and
 * {@link FaultAction#end()} at its end, measured from the run's origin. A {@code spike} has no action
 * here: it is part of the arrival schedule. {@link #close()} ends whatever is still under way, so that
 * a run that stops early never leaves a lock held or a server down.
 */
public final class FaultTimeline implements AutoCloseable {

    private final ScheduledThreadPoolExecutor scheduler;
    private final List<Scheduled> scheduled = new ArrayList<>();
    private final long originNanos;

    private FaultTimeline(long originNanos, int faults) {
        this.originNanos = originNanos;
        AtomicInteger count = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, Math.min(4, faults * 2)), r -> {
            Thread t = new Thread(r, "soak-fault-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // On close, faults that have not begun are dropped; an action under way finishes undisturbed.
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** The action a fault takes, or {@code null} for a spike. */
    public static FaultAction actionFor(Fault fault, FaultContext context) {
        return switch (fault.kind()) {
            case SLOWDOWN -> new TableLock(context.admin(), context.table());
            case LOCK -> new TableLock(context.admin(), fault.table());
            case KILL -> new SessionKiller(context.admin(), context.sessions(), context.applicationName());
            case RESTART -> new ServerRestart(context.restarter().orElseThrow(() ->
                    new IllegalStateException("restart fault without a way to restart the server")));
            case SPIKE -> null;
            case LATENCY, BLACKHOLE, RESET -> new NetworkFault(fault, context.proxy().orElseThrow(() ->
                    new IllegalStateException(fault + " without the soak's network proxy")));
        };
    }

    /** Schedules every fault of {@code faults} relative to {@code originNanos} (a {@link System#nanoTime()} value). */
    public static FaultTimeline start(List<Fault> faults, long originNanos, FaultContext context) {
        FaultTimeline timeline = new FaultTimeline(originNanos, faults.size());
        for (Fault fault : faults) {
            Scheduled s = new Scheduled(fault, fault.kind() == FaultKind.SPIKE ? null : actionFor(fault, context));
            timeline.scheduled.add(s);
            if (fault.length().isZero()) {
                // Instantaneous (a reset): one task, so that its end can never overtake its begin.
                timeline.scheduler.schedule(() -> {
                    s.begin(timeline.now());
                    s.end(timeline.now());
                }, originNanos + fault.start().toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
                continue;
            }
            timeline.scheduler.schedule(() -> s.begin(timeline.now()),
                    originNanos + fault.start().toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
            timeline.scheduler.schedule(() -> s.end(timeline.now()),
                    originNanos + fault.end().toNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        return timeline;
    }

    public List<FaultEvent> events() {
        return scheduled.stream().map(Scheduled::event).toList();
    }

    /** Ends every fault that began and has not ended (in order), and stops the scheduler. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(70, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Scheduled s : scheduled) {
            s.end(now());
        }
    }

    /** The first error a fault action raised, so that a run can say its fault did not happen as planned. */
    public String firstError() {
        return scheduled.stream().map(s -> s.error).filter(e -> e != null).findFirst().orElse(null);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return DatabaseUrl.mask(root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }

    private Duration now() {
        return Duration.ofNanos(System.nanoTime() - originNanos);
    }

    /** One fault's state; begin and end are serialized so that an end waits for a slow begin. */
    private static final class Scheduled {
        private final Fault fault;
        private final FaultAction action;
        private Duration began;
        private Duration ended;
        private String error;

        Scheduled(Fault fault, FaultAction action) {
            this.fault = fault;
            this.action = action;
        }

        synchronized void begin(Duration at) {
            if (began != null || ended != null) {
                return;
            }
            began = at;
            try {
                if (action != null) {
                    action.begin();
                }
            } catch (Exception e) {
                error = fault + " could not begin: " + describe(e);
            }
        }

        synchronized void end(Duration at) {
            if (began == null || ended != null) {
                if (began == null && ended == null) {
                    ended = at;    // never began (the run stopped first): nothing to undo
                }
                return;
            }
            ended = at;
            try {
                if (action != null) {
                    action.end();
                }
            } catch (Exception e) {
                if (error == null) {
                    error = fault + " could not end: " + describe(e);
                }
            }
        }

        synchronized FaultEvent event() {
            return new FaultEvent(fault, began, ended, error);
        }
    }
}
