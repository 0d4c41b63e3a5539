package dev.dbpool.cli;

import dev.dbpool.loadgen.SoakListener;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Tick;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What {@code dbpool soak} says while it runs, on stderr: each step on its own line, and on a terminal
 * a progress line rewritten every second (mode, second, what finished in it, the pool's utilization,
 * the fault under way). Off a terminal there is no progress line, so logs stay clean.
 */
final class SoakProgress implements SoakListener {

    private final PrintWriter err;
    private final boolean live;
    private int lastWidth;

    SoakProgress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    @Override
    public synchronized void step(String what) {
        clear();
        err.println("dbpool: " + what);
        err.flush();
    }

    @Override
    public synchronized void runStarting(Mode mode, SoakScenario scenario) {
        step("running " + mode.label() + " mode: " + formatRate(scenario.ratePerSecond()) + "/s for "
                + scenario.duration().toSeconds() + "s after a " + scenario.warmup().toSeconds() + "s warm-up");
    }

    @Override
    public synchronized void tick(Mode mode, Tick w, SoakScenario scenario) {
        if (!live) {
            return;
        }
        long total = scenario.duration().toSeconds();
        Duration at = Duration.ofSeconds(w.second());
        String faults = scenario.faults().stream().filter(f -> f.activeAt(at)).map(Object::toString)
                .collect(Collectors.joining(" "));
        String line = String.format(Locale.ROOT,
                "[%s %3d/%ds] offered %,5d  ok %,5d  rejected %,5d  timed out %,4d  errors %,4d  p99 %s  util %.2f  queued %,d%s",
                mode.label(), Math.min(w.second() + 1, total), total, w.offered(), w.count(Outcome.SUCCEEDED),
                w.count(Outcome.REJECTED), w.count(Outcome.TIMED_OUT), w.count(Outcome.ERROR),
                p99(w), w.utilizationMean(), w.queuedMax(),
                w.second() >= total ? "  draining" : faults.isEmpty() ? "" : "  FAULT " + faults);
        int pad = Math.max(0, lastWidth - line.length());
        err.print("\r" + line + " ".repeat(pad));
        err.flush();
        lastWidth = line.length();
    }

    @Override
    public synchronized void runFinished(RunResult result) {
        clear();
    }

    private void clear() {
        if (live && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private static String p99(Tick w) {
        double ms = w.latencyMillis(99);
        if (Double.isNaN(ms)) {
            return "    -";
        }
        return ms >= 1000 ? String.format(Locale.ROOT, "%4.1fs", ms / 1000) : String.format(Locale.ROOT, "%3.0fms", ms);
    }

    private static String formatRate(double rate) {
        return rate == Math.rint(rate) ? String.format(Locale.ROOT, "%,d", (long) rate) : Double.toString(rate);
    }
}
