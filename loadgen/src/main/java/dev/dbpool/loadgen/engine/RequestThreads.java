package dev.dbpool.loadgen.engine;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated service's request threads, in one of two service models: a fixed set of platform
 * threads with a queue in front of them (a servlet container's, Tomcat's 200 by default: it caps how
 * many requests reach the pool at once, the rest wait in the queue), or one virtual thread per
 * request (Spring Boot with {@code spring.threads.virtual.enabled=true} on Java 21+: nothing caps
 * concurrency but the pool, so every request that finds no connection waits in the pool itself).
 */
public abstract class RequestThreads {

    /**
     * The {@code threads} value meaning a virtual thread per request ({@code --threads virtual}): as
     * many threads as there are requests, which only virtual threads make affordable.
     */
    public static final int VIRTUAL = Integer.MAX_VALUE;

    /** {@code threads} platform threads behind a queue of at most {@code queueCapacity}, or {@link #VIRTUAL}. */
    public static RequestThreads of(int threads, int queueCapacity) {
        return threads == VIRTUAL ? new Virtual() : new Platform(threads, queueCapacity);
    }

    /** Whether this Java has virtual threads (21 and later). */
    public static boolean virtualAvailable() {
        return newVirtualThreadPerTaskExecutor() != null;
    }

    /** Runs {@code request} on a request thread, or queues it. */
    abstract void execute(Runnable request) throws RejectedExecutionException;

    /** Requests waiting for a request thread: the service's backlog (none with a thread per request). */
    abstract int queued();

    /** No request is running or queued. */
    abstract boolean idle();

    /** Drops what is queued, interrupts what runs, waits a little for it to end. */
    abstract void shutdownNow();

    private static final class Platform extends RequestThreads {
        private final ThreadPoolExecutor executor;

        Platform(int threads, int queueCapacity) {
            AtomicInteger count = new AtomicInteger();
            ThreadFactory factory = runnable -> {
                Thread thread = new Thread(runnable, "soak-request-" + count.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(queueCapacity), factory);
            executor.prestartAllCoreThreads();
        }

        @Override
        void execute(Runnable request) {
            executor.execute(request);
        }

        @Override
        int queued() {
            return executor.getQueue().size();
        }

        @Override
        boolean idle() {
            return executor.getActiveCount() == 0 && executor.getQueue().isEmpty();
        }

        @Override
        void shutdownNow() {
            RequestThreads.shutdownNow(executor);
        }
    }

    private static final class Virtual extends RequestThreads {
        private final ExecutorService executor;
        private final AtomicInteger running = new AtomicInteger();

        Virtual() {
            executor = newVirtualThreadPerTaskExecutor();
            if (executor == null) {
                throw new IllegalStateException("a virtual thread per request needs Java 21 or later, this is Java "
                        + Runtime.version());
            }
        }

        @Override
        void execute(Runnable request) {
            running.incrementAndGet();
            try {
                executor.execute(() -> {
                    try {
                        request.run();
                    } finally {
                        running.decrementAndGet();
                    }
                });
            } catch (RejectedExecutionException e) {
                running.decrementAndGet();
                throw e;
            }
        }

        @Override
        int queued() {
            return 0;
        }

        @Override
        boolean idle() {
            return running.get() == 0;
        }

        @Override
        void shutdownNow() {
            RequestThreads.shutdownNow(executor);
        }
    }

    private static void shutdownNow(ExecutorService executor) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()} where this Java has it, else null: looked up
     * reflectively, as the project compiles for Java 17.
     */
    private static ExecutorService newVirtualThreadPerTaskExecutor() {
        try {
            Method factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return (ExecutorService) factory.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create virtual threads", e);
        }
    }
}
