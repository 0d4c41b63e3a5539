package dev.dbpool.cli;

import dev.dbpool.loadgen.FinishedRuns;
import dev.dbpool.loadgen.HtmlReport;
import dev.dbpool.loadgen.ReportJson;
import dev.dbpool.loadgen.SweepReport;
import dev.dbpool.loadgen.TextSummary;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code dbpool soak} does when SIGINT or SIGTERM stops it: one line saying so, then the runs that had
 * finished, printed and written to {@code --report} marked {@code "interrupted": true}. A shutdown hook, so
 * the JVM's exit status stays 128 + the signal (130, 143) and the database's and the proxies' own hooks
 * stop them meanwhile; {@link #close()} removes it when the soak ends by itself.
 */
final class SoakInterruption implements AutoCloseable {

    static final String EMBEDDED = "dbpool: interrupted; stopping the embedded PostgreSQL and proxies…";
    static final String EXTERNAL = "dbpool: interrupted; dropping the soak's schema and stopping the proxies…";

    private final AtomicBoolean signalled;
    private final Thread hook;

    private SoakInterruption(AtomicBoolean signalled, Thread hook) {
        this.signalled = signalled;
        this.hook = hook;
    }

    /** From now until {@link #close()}, a signal reports {@code finished} to {@code out} and {@code reportDir} (may be null). */
    static SoakInterruption install(boolean embedded, FinishedRuns finished, Path reportDir, PrintWriter out,
                                    PrintWriter err) {
        String message = embedded ? EMBEDDED : EXTERNAL;
        AtomicBoolean signalled = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            signalled.set(true);
            report(message, finished, reportDir, out, err);
        }, "dbpool-soak-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        return new SoakInterruption(signalled, hook);
    }

    /**
     * Runs the soak. Once a signal has come, whatever the soak then does (finish the run under way on a
     * database that is stopping, fail on it) is not reported: this thread waits for the JVM to end, which it
     * does when the hooks have run.
     */
    <T> T run(Callable<T> soak) throws Exception {
        T result;
        try {
            result = soak.call();
        } catch (Exception | Error e) {
            holdIfSignalled();
            throw e;
        }
        holdIfSignalled();
        return result;
    }

    private void holdIfSignalled() {
        while (signalled.get()) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // still exiting
            }
        }
    }

    private static void report(String message, FinishedRuns finished, Path reportDir, PrintWriter out,
                               PrintWriter err) {
        err.println(message);
        err.flush();
        try {
            Optional<SweepReport> report = finished.report();
            if (report.isEmpty()) {
                err.println("dbpool: no run had finished: nothing to report");
                return;
            }
            out.print(TextSummary.write(report.get()));
            out.flush();
            if (reportDir != null) {
                ReportFiles.write(reportDir, ReportJson.writeInterrupted(report.get()),
                        HtmlReport.writeInterrupted(report.get()), err);
            }
        } catch (RuntimeException e) {
            err.println("dbpool: could not report the finished runs: " + e);
        } finally {
            err.flush();
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running or has run
        }
    }
}
