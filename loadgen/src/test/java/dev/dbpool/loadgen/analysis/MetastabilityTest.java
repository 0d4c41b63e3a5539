package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Window;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetastabilityTest {

    private static final List<Fault> FAULT = List.of(Fault.parse("slowdown@5s+5s"));

    /** One cohort per second of 100 requests, {@code good[s]} of them good. */
    private static List<Window> windows(int... good) {
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < good.length; s++) {
            windows.add(new Window(s, new Tally(100, good[s], 0, 100 - good[s], 0, 0, 0), new Histogram(3)));
        }
        return windows;
    }

    private static int[] run(int steady, int during, int after, int afterSeconds) {
        int[] good = new int[10 + afterSeconds];
        for (int s = 0; s < good.length; s++) {
            good[s] = s < 5 ? steady : s < 10 ? during : after;
        }
        return good;
    }

    @Test
    void goodputBelowHalfForTenSecondsAfterTheFaultIsMetastable() {
        Metastability m = Metastability.of(windows(run(100, 0, 40, 12)), FAULT, 1.0);

        assertThat(m.metastable()).isTrue();
        assertThat(m.lowSeconds()).isEqualTo(12);
        assertThat(m.untilTheEnd()).isTrue();
    }

    @Test
    void aQuickRecoveryIsNot() {
        int[] good = run(100, 0, 100, 12);
        good[10] = 10;
        good[11] = 20;
        Metastability m = Metastability.of(windows(good), FAULT, 1.0);

        assertThat(m.metastable()).isFalse();
        assertThat(m.lowSeconds()).isEqualTo(2);
    }

    @Test
    void halfIsMeasuredAgainstTheRunsOwnSteadyLevel() {
        // steady 60%: 35% after the fault is above half of it (30%)
        assertThat(Metastability.of(windows(run(60, 0, 35, 12)), FAULT, 0.6).metastable()).isFalse();
        assertThat(Metastability.of(windows(run(60, 0, 25, 12)), FAULT, 0.6).metastable()).isTrue();
    }

    @Test
    void aRunThatEndsTooSoonAfterItsFaultCannotTell() {
        assertThat(Metastability.of(windows(run(100, 0, 0, 6)), FAULT, 1.0).metastable()).isNull();
        assertThat(Metastability.of(windows(run(100, 0, 100, 6)), FAULT, 1.0).metastable()).isFalse();
    }

    @Test
    void withoutAFaultNothingIsMetastable() {
        assertThat(Metastability.of(windows(run(100, 100, 0, 12)), List.of(), 1.0).metastable()).isFalse();
    }
}
