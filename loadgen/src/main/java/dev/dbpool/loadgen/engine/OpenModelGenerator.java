package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.GeneratorHealth;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The open model: a dispatcher hands each intended start of an {@link ArrivalSchedule} to the
 * service's {@link RequestThreads} at its time, whether or not earlier requests have finished. With a
 * bounded set of request threads, when every one is busy the request waits in the service's queue, as
 * it would in a real service's executor; with a virtual thread per request it starts at once and waits,
 * if at all, in the pool. Either wait counts in its latency (measured from the intended start, so a
 * stalled service cannot hide its stall: no coordinated omission).
 *
 * <p>The generator checks itself: the dispatcher's lag behind the schedule goes into a histogram,
 * and an intended start that could not be handed over (the queue is at its safety bound) is dropped
 * and counted. {@link GeneratorHealth} turns both into a verdict on the run's validity.
 */
public final class OpenModelGenerator implements AutoCloseable {

    /** A safety bound on the service's backlog, far above any backlog a valid run builds (about 11 min at 1,500/s). */
    public static final int DEFAULT_QUEUE_CAPACITY = 1_000_000;

    private final RequestThreads requestThreads;
    private final Histogram lagMicros = new Histogram(3);
    private long dispatched;
    private long dropped;

    /** @param threads the service's request threads, or {@link RequestThreads#VIRTUAL} for a virtual thread per request */
    public OpenModelGenerator(int threads) {
        this(threads, DEFAULT_QUEUE_CAPACITY);
    }

    public OpenModelGenerator(int threads, int queueCapacity) {
        this.requestThreads = RequestThreads.of(threads, queueCapacity);
    }

    /**
     * Dispatches every intended start of {@code schedule}, offsets counted from {@code originNanos}
     * (a {@link System#nanoTime()} value), and returns after the last one was handed over. Only
     * starts at offset ≥ 0 count in the lag and drop figures: the warm-up is not judged.
     *
     * @param request runs on a request thread with the index of the intended start
     */
    public void dispatch(ArrivalSchedule schedule, long originNanos, IntConsumer request) {
        for (int i = 0; i < schedule.size(); i++) {
            long offset = schedule.offset(i);
            long intended = originNanos + offset;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long lag = System.nanoTime() - intended;
            final int index = i;
            boolean measured = offset >= 0;
            try {
                requestThreads.execute(() -> request.accept(index));
                if (measured) {
                    dispatched++;
                }
            } catch (RejectedExecutionException e) {
                if (measured) {
                    dropped++;
                }
            }
            if (measured) {
                lagMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(lag));
            }
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * Hands a retry to the request threads, queued behind whatever already waits, as a new arrival
     * would be; false when it cannot be (the queue is at its bound, or the generator is closing).
     */
    public boolean resubmit(Runnable attempt) {
        try {
            requestThreads.execute(attempt);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Requests waiting for a request thread right now: the service's backlog. */
    public int queued() {
        return requestThreads.queued();
    }

    /** Waits until every dispatched request has finished, at most {@code grace}; true when they did. */
    public boolean awaitIdle(Duration grace) throws InterruptedException {
        return awaitIdle(grace, () -> true);
    }

    /** {@link #awaitIdle(Duration)}, also waiting for {@code elsewhereIdle} (retries scheduled, not yet queued). */
    public boolean awaitIdle(Duration grace, java.util.function.BooleanSupplier elsewhereIdle) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!requestThreads.idle() || !elsewhereIdle.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** What the dispatcher saw of itself; read after {@link #dispatch} returned. */
    public GeneratorHealth health() {
        return GeneratorHealth.of(dispatched, dropped, lagMicros);
    }

    /** Drops whatever is still queued and interrupts the request threads. */
    @Override
    public void close() {
        requestThreads.shutdownNow();
    }
}
