package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Capacity;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Tally;
import dev.dbpool.loadgen.model.Window;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GoodputOfLimitTest {

    private static final Capacity CAPACITY = new Capacity(100, 16, Duration.ofSeconds(5), 500, 0);

    private static Window window(int second, long offered, long goodput) {
        return new Window(second, new Tally(offered, goodput, 0, offered - goodput, 0, 0, 0), new Histogram(3));
    }

    @Test
    void eachCohortCountsWhatThePoolCouldHaveAnswered() {
        List<Window> windows = List.of(window(0, 50, 50), window(1, 300, 90), window(2, 80, 40));

        GoodputOfLimit g = GoodputOfLimit.of(windows, List.of(), CAPACITY);

        // limit: 50 (all of it) + 100 (the capacity, not the 300 offered) + 80
        assertThat(g.limit()).isEqualTo(230.0);
        assertThat(g.goodput()).isEqualTo(180);
        assertThat(g.ratio()).isEqualTo(180 / 230.0);
    }

    @Test
    void cohortsThatOverlapAFaultAreLeftOut() {
        List<Window> windows = List.of(window(0, 100, 100), window(1, 100, 10), window(2, 100, 0), window(3, 100, 90));

        GoodputOfLimit g = GoodputOfLimit.of(windows, List.of(Fault.parse("slowdown@1500ms+1s")), CAPACITY);

        assertThat(g.limit()).isEqualTo(200.0);
        assertThat(g.goodput()).isEqualTo(190);
    }

    @Test
    void withoutACapacityThereIsNoLimit() {
        assertThat(GoodputOfLimit.of(List.of(window(0, 10, 10)), List.of(), Capacity.UNKNOWN).ratio()).isNaN();
    }
}
