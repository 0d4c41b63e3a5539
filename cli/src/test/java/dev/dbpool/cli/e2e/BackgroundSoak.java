package dev.dbpool.cli.e2e;

import dev.dbpool.cli.DbpoolCli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dbpool soak ...} run in-process through {@link DbpoolCli#run} on a thread of its own, so that a
 * test can watch what it says on stderr (the metrics URL, the schema, the start of a run) while it runs.
 */
final class BackgroundSoak implements AutoCloseable {

    private final StringWriter out = new StringWriter();
    private final StderrLines err = new StderrLines();
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Thread thread;

    private BackgroundSoak(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "soak";
        System.arraycopy(args, 0, command, 1, args.length);
        thread = new Thread(() -> {
            try {
                exitCode.complete(DbpoolCli.run(new PrintWriter(out), new PrintWriter(err), command));
            } catch (Throwable t) {
                exitCode.completeExceptionally(t);
            }
        }, "e2e-soak");
        thread.setDaemon(true);
    }

    static BackgroundSoak start(String... args) {
        BackgroundSoak soak = new BackgroundSoak(args);
        soak.thread.start();
        return soak;
    }

    /**
     * Waits for a stderr line that {@code pattern} finds something in, and returns the match; fails
     * with what the soak said when it ends or {@code timeout} passes first.
     */
    Matcher awaitStderr(Pattern pattern, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (err) {
            int seen = 0;
            while (true) {
                for (; seen < err.lines.size(); seen++) {
                    Matcher m = pattern.matcher(err.lines.get(seen));
                    if (m.find()) {
                        return m;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || exitCode.isDone()) {
                    throw new AssertionError("dbpool soak did not print /" + pattern + "/ within "
                            + timeout.toSeconds() + "s; " + describe());
                }
                try {
                    err.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    boolean isRunning() {
        return !exitCode.isDone();
    }

    /** Waits for the soak to end and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        try {
            return exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("dbpool soak still running after " + timeout.toSeconds() + "s; " + describe());
        } catch (ExecutionException e) {
            throw new AssertionError("dbpool soak threw; " + describe(), e.getCause());
        }
    }

    /** What the soak printed so far, for a failure message or the test's log. */
    String describe() {
        synchronized (err) {
            return "stderr:\n  " + String.join("\n  ", err.lines) + "\nstdout:\n" + out;
        }
    }

    /** Interrupts a soak that is still running (a failed test) and waits a little for it to close its pool. */
    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** stderr split into lines as they are written; waiters are woken on each new line. */
    private static final class StderrLines extends Writer {
        private final List<String> lines = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();

        @Override
        public synchronized void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    lines.add(current.toString());
                    current.setLength(0);
                    notifyAll();
                } else if (c != '\r') {
                    current.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
