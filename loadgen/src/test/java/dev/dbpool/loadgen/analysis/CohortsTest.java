package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Outcome;
import dev.dbpool.loadgen.model.RequestLog;
import dev.dbpool.loadgen.model.Window;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CohortsTest {

    private static final long S = 1_000_000_000L;
    private static final Duration DEADLINE = Duration.ofSeconds(1);

    /** Intended at 0.2 s, 0.6 s, 1.5 s, 2.1 s, 2.9 s, 3.5 s. */
    private static RequestLog log() {
        RequestLog log = new RequestLog(new long[] {S / 5, 3 * S / 5, 3 * S / 2, 21 * S / 10, 29 * S / 10, 7 * S / 2});
        log.record(0, Outcome.SUCCEEDED, 5_000_000);          // good
        log.record(1, Outcome.SUCCEEDED, 2_500_000_000L);     // late: finished in second 3, belongs to cohort 0
        log.record(2, Outcome.REJECTED, 100_000);
        log.record(3, Outcome.TIMED_OUT, 10_000_000_000L);
        log.record(4, Outcome.ERROR, 1_000_000);
        // 5 never finished
        return log;
    }

    @Test
    void aRequestBelongsToTheSecondOfItsIntendedStartHoweverLateItFinished() {
        List<Window> windows = Cohorts.windows(log(), 4 * S, DEADLINE);

        assertThat(windows).hasSize(4);
        assertThat(windows.get(0).offered()).isEqualTo(2);
        assertThat(windows.get(0).goodput()).isEqualTo(1);
        assertThat(windows.get(0).tally().late()).isEqualTo(1);
        assertThat(windows.get(0).latencyMillis(100)).isGreaterThan(2000);
        assertThat(windows.get(1).count(Outcome.REJECTED)).isEqualTo(1);
        assertThat(windows.get(2).count(Outcome.TIMED_OUT)).isEqualTo(1);
        assertThat(windows.get(2).count(Outcome.ERROR)).isEqualTo(1);
        assertThat(windows.get(3).tally().unfinished()).isEqualTo(1);
        assertThat(windows.get(0).goodputRatio()).isEqualTo(0.5);
    }

    @Test
    void phasesSplitByIntendedStartAtTheFaultsEdges() {
        Phases p = Phases.of(log(), List.of(Fault.parse("slowdown@1500ms+1s")), 4 * S, DEADLINE);

        assertThat(p.before().offered()).isEqualTo(2);
        assertThat(p.before().late()).isEqualTo(1);
        assertThat(p.during().offered()).isEqualTo(2);          // 1.5 s and 2.1 s
        assertThat(p.during().rejected()).isEqualTo(1);
        assertThat(p.after().offered()).isEqualTo(2);
        assertThat(p.total().succeeded()).isEqualTo(2);
        assertThat(p.before().shedRatio()).isZero();
    }

    @Test
    void withoutAFaultTheWholeRunIsBefore() {
        Phases p = Phases.of(log(), List.of(), 4 * S, DEADLINE);

        assertThat(p.before().offered()).isEqualTo(6);
        assertThat(p.during().offered()).isZero();
        assertThat(p.after().offered()).isZero();
    }
}
