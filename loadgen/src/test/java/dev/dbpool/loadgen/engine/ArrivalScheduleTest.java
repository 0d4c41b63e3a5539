package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Arrival;
import dev.dbpool.loadgen.model.Fault;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalScheduleTest {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void theSameSeedGivesTheSameArrivals() {
        ArrivalSchedule a = ArrivalSchedule.generate(Arrival.POISSON, 500, Duration.ZERO, TEN_SECONDS, List.of(), 7);
        ArrivalSchedule b = ArrivalSchedule.generate(Arrival.POISSON, 500, Duration.ZERO, TEN_SECONDS, List.of(), 7);
        ArrivalSchedule c = ArrivalSchedule.generate(Arrival.POISSON, 500, Duration.ZERO, TEN_SECONDS, List.of(), 8);

        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.offset(i)).isEqualTo(b.offset(i));
        }
        assertThat(c.offset(0)).isNotEqualTo(a.offset(0));
    }

    @Test
    void poissonArrivalsComeAtTheRateOnAverageInOrder() {
        ArrivalSchedule s = ArrivalSchedule.generate(Arrival.POISSON, 1000, Duration.ZERO, TEN_SECONDS, List.of(), 1);

        // 10,000 expected; the standard deviation is 100, so ±5% is 5 sigma.
        assertThat(s.size()).isBetween(9_500, 10_500);
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.offset(i)).isGreaterThanOrEqualTo(s.offset(i - 1));
        }
        assertThat(s.offset(s.size() - 1)).isLessThan(TEN_SECONDS.toNanos());
    }

    @Test
    void constantArrivalsAreEvenlySpaced() {
        ArrivalSchedule s = ArrivalSchedule.generate(Arrival.CONSTANT, 100, Duration.ZERO, Duration.ofSeconds(2), List.of(), 1);

        assertThat(s.size()).isEqualTo(200);
        assertThat(s.offset(1) - s.offset(0)).isEqualTo(10_000_000L);
        assertThat(s.offeredPerSecond()).containsExactly(100, 100);
    }

    @Test
    void aSpikeMultipliesTheRateInItsWindowOnly() {
        ArrivalSchedule s = ArrivalSchedule.generate(Arrival.CONSTANT, 100, Duration.ZERO, Duration.ofSeconds(6),
                List.of(Fault.parse("spike:3@3s+2s")), 1);

        assertThat(s.offeredPerSecond()).containsExactly(100, 100, 100, 300, 300, 100);
    }

    @Test
    void warmUpArrivalsComeFirstAndAreNotMeasured() {
        ArrivalSchedule s = ArrivalSchedule.generate(Arrival.CONSTANT, 100, Duration.ofSeconds(1), Duration.ofSeconds(2),
                List.of(), 1);

        assertThat(s.size()).isEqualTo(300);
        assertThat(s.offset(0)).isNegative();
        assertThat(s.measuredCount()).isEqualTo(200);
        assertThat(s.offset(s.firstMeasured())).isGreaterThanOrEqualTo(0);
    }
}
