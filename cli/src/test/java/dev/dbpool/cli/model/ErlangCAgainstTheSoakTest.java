package dev.dbpool.cli.model;

import dev.dbpool.loadgen.SoakDatabase;
import dev.dbpool.loadgen.SoakListener;
import dev.dbpool.loadgen.SoakReport;
import dev.dbpool.loadgen.SoakRunner;
import dev.dbpool.loadgen.SoakScenario;
import dev.dbpool.loadgen.analysis.RunAnalysis;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.plan.engine.ErlangC;
import dev.dbpool.runtime.metrics.MetricNames;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The plan's sizing advice rests on Erlang C (M/M/c): the share of requests that wait longer than
 * {@code t} for one of {@code c} connections is {@code C(c, a) × exp(-(c - a) × t / h)} at an offered
 * load of {@code a} erlangs and a mean hold of {@code h}. Here a real pool of 8 (media-service's
 * preset) takes Poisson arrivals whose holds are drawn from an exponential distribution (mean 9 ms on
 * the server), so the model's assumptions hold, and the measured share of acquisitions that waited
 * longer than 10 ms (a bucket boundary of the pool's own histogram, about one mean hold) is compared
 * with the model's prediction at the measured load (mean connections in use, by Little's law).
 *
 * <p>Band: from 0.4 × the prediction up to 1.35 × it, each widened to ±1 percentage point when that
 * is wider. One-sided because the real pool differs from the model in one direction: the queries
 * before the sleep add a near-constant part to each hold, which makes holds less variable than
 * exponential and waits shorter (measured 22–42 % under the prediction on a 2-vCPU AMD machine, 27 %
 * on an Intel one), and the limit of constant holds (M/D/c) waits about half as long as M/M/c; the
 * 35 % above is the run's noise (the JVM and the server share two cores). docs/plan.md, "Checked against a
 * real pool" shows the figures.
 */
class ErlangCAgainstTheSoakTest {

    private static final String SERVICE = "media-service";
    private static final int POOL = 8;
    private static final double RATE = 560;
    private static final long WAIT_LIMIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Test
    void theShareOfLongWaitsIsWhatErlangCPredicts() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SoakScenario scenario = SoakScenario.builder(SERVICE)
                .duration(Duration.ofSeconds(20))
                .warmup(Duration.ofSeconds(2))
                .rate(RATE)
                .threads(100)
                .faults(List.of())
                .modes(List.of(Mode.WAIT))
                .workload(Workload.ofDefaults().withRows(10_000).withHold(Duration.ofMillis(9)).withExponentialHold(true))
                .build();
        SoakReport report;
        try (SoakDatabase database = SoakDatabase.external(TestDatabase.get().databaseUrl(), null)) {
            report = SoakRunner.run(scenario, database, registry, SoakListener.NONE);
        }
        RunAnalysis run = report.primaryRun();
        assumeTrue(run.valid(), "the load generator fell behind on this machine (" + run.run().generator().problem()
                + "): no measurement to compare the model with");

        double erlangs = run.steadyUtilization() * POOL;
        double meanHoldSeconds = erlangs / RATE;
        // 9 ms on the server plus the queries: about 9.9 ms on a quiet machine. A busy one stretches
        // and scatters the holds (CPU contention), which is no longer the M/M/c the model is about.
        assumeTrue(meanHoldSeconds < 0.011, String.format(Locale.ROOT, "holds averaged %.1f ms, stretched by a "
                + "busy machine (quiet: about 9.9 ms): no measurement of the model's world", meanHoldSeconds * 1000));
        double predicted = ErlangC.probabilityOfWaitingLonger(POOL, erlangs, (WAIT_LIMIT_NANOS / 1e9) / meanHoldSeconds);
        double measured = shareWaitingLongerThan(acquireTimer(registry), WAIT_LIMIT_NANOS);
        System.out.printf(Locale.ROOT, "Erlang C against the soak: load %.2f erlangs on %d connections, mean hold "
                        + "%.1f ms; waited > 10 ms: measured %.2f%%, predicted %.2f%%%n",
                erlangs, POOL, meanHoldSeconds * 1000, measured * 100, predicted * 100);

        assertThat(erlangs).as("offered load in erlangs").isBetween(3.0, 7.0);
        assertThat(measured).isBetween(Math.min(0.4 * predicted, predicted - 0.01),
                Math.max(1.35 * predicted, predicted + 0.01));
    }

    private static Timer acquireTimer(SimpleMeterRegistry registry) {
        return registry.get(MetricNames.meterName(MetricNames.ACQUIRE_DURATION))
                .tag(MetricNames.LABEL_SERVICE, SERVICE).timer();
    }

    /** 1 − (acquisitions at or under {@code limitNanos}) / all, from the histogram's cumulative buckets. */
    private static double shareWaitingLongerThan(Timer timer, long limitNanos) {
        double atOrUnder = -1;
        for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
            if (Math.abs(bucket.bucket(TimeUnit.NANOSECONDS) - limitNanos) < 1) {
                atOrUnder = bucket.count();
            }
        }
        assertThat(atOrUnder).as("the histogram has a bucket at the limit").isNotNegative();
        return 1 - atOrUnder / timer.count();
    }
}
