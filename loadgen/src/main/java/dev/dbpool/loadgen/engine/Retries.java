package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Attempts;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RetryPolicy;

import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * The clients' retries of one run: whether a failed attempt is tried again (attempts left, an outcome
 * {@link RetryPolicy#retryOn() retried}, a token in the budget), and when. A retry is never slept on a
 * request thread (that would hold a thread the open model counts on and hide load): a scheduler thread
 * waits out the backoff and hands the retry back to the request threads' queue, like a new arrival.
 * Also counts the attempts of the measured requests, in total and per wall-clock second.
 */
final class Retries implements AutoCloseable {

    private static final long SECOND = 1_000_000_000L;

    private final RetryPolicy policy;
    private final long seed;
    private final Predicate<Runnable> resubmit;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger scheduled = new AtomicInteger();
    private final LongAdder attempts = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder denied = new LongAdder();
    private final AtomicLongArray perSecond;
    private final Object budgetLock = new Object();
    private double tokens;

    /**
     * @param resubmit queues an attempt for a request thread; false when it could not
     * @param seconds  wall-clock seconds to count attempts in (the run and its drain)
     */
    Retries(RetryPolicy policy, long seed, Predicate<Runnable> resubmit, int seconds) {
        this.policy = policy;
        this.seed = seed;
        this.resubmit = resubmit;
        this.perSecond = new AtomicLongArray(Math.max(1, seconds));
        this.scheduler = policy.enabled() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "soak-retry");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    /** An attempt starts, {@code sinceOriginNanos} into the measured run; {@code retry} 0 is the first attempt. */
    void starting(int retry, long sinceOriginNanos, boolean counted) {
        if (retry == 0 && policy.enabled() && policy.budget() != null) {
            synchronized (budgetLock) {
                tokens = Math.min(RetryPolicy.MAX_BANKED_TOKENS, tokens + policy.budget());
            }
        }
        if (!counted) {
            return;
        }
        attempts.increment();
        if (retry > 0) {
            retries.increment();
        }
        if (sinceOriginNanos >= 0) {
            int second = (int) Math.min(perSecond.length() - 1, sinceOriginNanos / SECOND);
            perSecond.incrementAndGet(second);
        }
    }

    /**
     * Schedules retry {@code retry + 1} of request {@code index} when the policy and the budget allow;
     * false when the request ends with this attempt.
     */
    boolean retry(int index, int retry, Outcome outcome, boolean counted, Runnable next) {
        if (!policy.retries(outcome) || retry >= policy.retries()) {
            return false;
        }
        if (policy.budget() != null) {
            synchronized (budgetLock) {
                if (tokens < 1) {
                    if (counted) {
                        denied.increment();
                    }
                    return false;
                }
                tokens -= 1;
            }
        }
        double unit = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + retry).nextDouble();
        long delay = policy.backoffNanos(retry + 1, unit);
        scheduled.incrementAndGet();
        try {
            scheduler.schedule(() -> {
                try {
                    // When it cannot be queued (the run is closing) the request stays unfinished.
                    resubmit.test(next);
                } finally {
                    scheduled.decrementAndGet();
                }
            }, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled.decrementAndGet();
            return false;
        }
        return true;
    }

    /** No retry is waiting out its backoff. */
    boolean idle() {
        return scheduled.get() == 0;
    }

    Attempts snapshot() {
        int length = perSecond.length();
        while (length > 0 && perSecond.get(length - 1) == 0) {
            length--;
        }
        long[] seconds = new long[length];
        for (int i = 0; i < length; i++) {
            seconds[i] = perSecond.get(i);
        }
        return new Attempts(attempts.sum(), retries.sum(), denied.sum(), seconds);
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
