package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.RecoveryTolerance;
import dev.dbpool.loadgen.model.Window;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryAnalysisTest {

    private static final Fault FAULT = Fault.parse("slowdown@5s+3s");

    @Test
    void timeToRecoverStartsAtTheFirstOfThreeHealthyWindowsAfterTheFault() {
        // healthy 0-4, broken 5-10 (3 s of fault, 3 s of backlog), healthy again from 11
        List<Window> windows = windows(20, s -> s >= 5 && s <= 10);

        Recovery r = RecoveryAnalysis.analyze(windows, List.of(FAULT), RecoveryTolerance.DEFAULTS);

        assertThat(r.timeToImpactSeconds()).isEqualTo(0.0);
        assertThat(r.timeToRecoverSeconds()).isEqualTo(3.0);   // window 11 starts 3 s after the fault ended at 8 s
        assertThat(r.recovered()).isTrue();
    }

    @Test
    void aRunThatNeverGetsBackSaysNullNotACap() {
        List<Window> windows = windows(15, s -> s >= 5);

        Recovery r = RecoveryAnalysis.analyze(windows, List.of(FAULT), RecoveryTolerance.DEFAULTS);

        assertThat(r.timeToRecoverSeconds()).isNull();
        assertThat(r.recovered()).isFalse();
    }

    @Test
    void twoHealthyWindowsAtTheEndAreNotARecovery() {
        List<Window> windows = windows(13, s -> s >= 5 && s <= 10);

        assertThat(RecoveryAnalysis.analyze(windows, List.of(FAULT), RecoveryTolerance.DEFAULTS).recovered()).isFalse();
    }

    @Test
    void aFaultThatDoesNoHarmHasNoImpact() {
        Recovery r = RecoveryAnalysis.analyze(windows(15, s -> false), List.of(FAULT), RecoveryTolerance.DEFAULTS);

        assertThat(r.timeToImpactSeconds()).isNull();
        assertThat(r.timeToRecoverSeconds()).isEqualTo(0.0);
    }

    @Test
    void slowRequestsAreOutOfToleranceEvenWhenTheySucceed() {
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < 15; s++) {
            windows.add(window(s, 100, 100, s >= 6 && s <= 9 ? 5_000_000 : 10_000));
        }

        Recovery r = RecoveryAnalysis.analyze(windows, List.of(FAULT), RecoveryTolerance.DEFAULTS);

        assertThat(r.timeToImpactSeconds()).isEqualTo(1.0);
        assertThat(r.timeToRecoverSeconds()).isEqualTo(2.0);
    }

    @Test
    void theSteadyStateIsTheWindowsBeforeTheFault() {
        Recovery r = RecoveryAnalysis.analyze(windows(15, s -> s >= 5), List.of(FAULT), RecoveryTolerance.DEFAULTS);

        assertThat(r.steadyGoodputRatio()).isEqualTo(1.0);
        assertThat(r.steadyP99Millis()).isEqualTo(10.0, org.assertj.core.api.Assertions.within(0.1));
    }

    @Test
    void aPolicyThatShedsInSteadyStateCannotRecoverToItsOwnDegradedNormal() {
        // sheds a fifth of its traffic all along: against its own steady state it looks healthy throughout
        List<Window> shedding = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            shedding.add(window(s, 100, 80, 10_000));
        }
        Reference best = RecoveryAnalysis.best(List.of(
                RecoveryAnalysis.steady(windows(20, s -> s >= 5 && s <= 10), List.of(FAULT), Mode.WAIT),
                RecoveryAnalysis.steady(shedding, List.of(FAULT), Runs.THRESHOLD)));

        Recovery own = RecoveryAnalysis.analyze(shedding, List.of(FAULT), RecoveryTolerance.DEFAULTS);
        Recovery judged = RecoveryAnalysis.analyze(shedding, List.of(FAULT), RecoveryTolerance.DEFAULTS, best);

        assertThat(best.from()).isEqualTo(Mode.WAIT);
        assertThat(best.goodputRatio()).isEqualTo(1.0);
        assertThat(own.recovered()).isTrue();
        assertThat(judged.timeToImpactSeconds()).isEqualTo(0.0);
        assertThat(judged.recovered()).isFalse();
    }

    /** {@code count} windows of 100 offered; a broken one has nothing succeed and a 10 s latency. */
    private static List<Window> windows(int count, java.util.function.IntPredicate broken) {
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            windows.add(broken.test(s) ? window(s, 100, 0, 10_000_000) : window(s, 100, 100, 10_000));
        }
        return windows;
    }

    private static Window window(int second, long offered, long succeeded, long latencyMicros) {
        Histogram h = new Histogram(3);
        long failed = offered - succeeded;
        for (int i = 0; i < offered; i++) {
            h.recordValue(latencyMicros);
        }
        return new Window(second, new Tally(offered, succeeded, 0, 0, failed, 0, 0), h);
    }
}
