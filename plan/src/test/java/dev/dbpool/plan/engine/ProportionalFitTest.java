package dev.dbpool.plan.engine;

import dev.dbpool.runtime.ServicePreset;
import dev.dbpool.plan.engine.ProportionalFit.Demand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ProportionalFitTest {

    @Test
    void presetsFitEightyExactlyWithLargestRemainders() {
        List<Demand> presets = ServicePreset.all().stream()
                .map(p -> new Demand(p.maxConnections(), Math.max(1, p.minConnections()), 1))
                .toList();

        int[] fitted = ProportionalFit.fit(presets, 80).sizes();

        // 80/111 of each max: auth 11.53, user 12.97, content 12.97, feed 8.65, search 8.65, media 5.77,
        // notification 5.77, events 5.77, video 2.88, streaming 2.88, cdn 2.16. Floors total 72; the 8
        // left go to the 8 largest remainders (feed before search: equal, so the earlier one).
        assertThat(fitted).containsExactly(11, 13, 13, 9, 8, 6, 6, 6, 3, 3, 2);
        assertThat(total(presets, fitted)).isEqualTo(80);
    }

    @Test
    void aFleetThatAlreadyFitsIsLeftAlone() {
        List<Demand> fleet = List.of(new Demand(10, 2, 2), new Demand(5, 1, 3));

        assertThat(ProportionalFit.fit(fleet, 35).sizes()).containsExactly(10, 5);
        assertThat(ProportionalFit.fit(fleet, 100).sizes()).containsExactly(10, 5);
    }

    @Test
    void aServiceWhoseShareFallsBelowItsMinIsPinnedThereAndTheOthersShareTheRest() {
        // s = 20/40 would give the first 5 < its min 8: pinned at 8, the other two share 12 of 30.
        List<Demand> fleet = List.of(new Demand(10, 8, 1), new Demand(10, 1, 1), new Demand(20, 1, 1));

        int[] fitted = ProportionalFit.fit(fleet, 20).sizes();

        assertThat(fitted).containsExactly(8, 4, 8);
    }

    @Test
    void replicasWeighTheBudget() {
        // 4 replicas × 10 and 1 × 10 = 50 into 25: s = 1/2, each at 5, 20 + 5 = 25.
        List<Demand> fleet = List.of(new Demand(10, 1, 4), new Demand(10, 1, 1));

        assertThat(ProportionalFit.fit(fleet, 25).sizes()).containsExactly(5, 5);
    }

    @Test
    void whenEvenTheMinimumsExceedTheBudgetTheMinimumsAreReturned() {
        List<Demand> fleet = List.of(new Demand(16, 5, 3), new Demand(8, 2, 4));

        int[] fitted = ProportionalFit.fit(fleet, 20).sizes();

        assertThat(fitted).containsExactly(5, 2);
        assertThat(total(fleet, fitted)).isGreaterThan(20);
    }

    @Test
    void aBudgetOfZeroGivesTheMinimums() {
        assertThat(ProportionalFit.fit(List.of(new Demand(4, 1, 1)), 0).sizes()).containsExactly(1);
    }

    /**
     * The proof by example: thousands of random fleets, every promise checked. The seed is fixed so a
     * failure reproduces; each seed is a different population.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 20240501})
    void everyFitStaysWithinBudgetFloorsAndMaximaAndIsProportional(long seed) {
        Random random = new Random(seed);
        for (int trial = 0; trial < 2_000; trial++) {
            List<Demand> fleet = randomFleet(random);
            long total = fleet.stream().mapToLong(d -> (long) d.max() * d.replicas()).sum();
            long floors = fleet.stream().mapToLong(d -> (long) d.floor() * d.replicas()).sum();
            int budget = (int) (floors + random.nextInt((int) (total - floors) + 1));

            ProportionalFit.Result result = ProportionalFit.fit(fleet, budget);
            int[] fitted = result.sizes();

            assertThat(total(fleet, fitted)).as("total within budget %d for %s", budget, fleet)
                    .isLessThanOrEqualTo(budget);
            for (int i = 0; i < fleet.size(); i++) {
                assertThat(fitted[i]).as("fitted within [floor, max] for %s", fleet.get(i))
                        .isBetween(fleet.get(i).floor(), fleet.get(i).max());
            }
            assertProportional(fleet, result, budget);
        }
    }

    /**
     * Checks the result against its definition rather than against the code: with s the common factor
     * the fit reports,
     * <ul>
     *   <li>s is the water level: Σ floor·r over the pinned + Σ max·s·r over the others = budget;</li>
     *   <li>a pinned service's share max·s really is below its floor;</li>
     *   <li>every other service got ⌊max·s⌋ or ⌈max·s⌉ (never further from its fair share);</li>
     *   <li>a service left at ⌊max·s⌋ could not have had one more: its replicas exceed the leftover.</li>
     * </ul>
     */
    private static void assertProportional(List<Demand> fleet, ProportionalFit.Result result, int budget) {
        int[] fitted = result.sizes();
        long total = fleet.stream().mapToLong(d -> (long) d.max() * d.replicas()).sum();
        if (total <= budget) {
            for (int i = 0; i < fleet.size(); i++) {
                assertThat(fitted[i]).isEqualTo(fleet.get(i).max());
            }
            return;
        }
        long num = result.numerator();
        long den = result.denominator();
        long leftover = budget - total(fleet, fitted);
        // Exact: Σ pinned floor·r·den + Σ others max·num·r == budget·den
        long level = 0;
        for (int i = 0; i < fleet.size(); i++) {
            Demand d = fleet.get(i);
            level += result.pinned()[i] ? (long) d.floor() * d.replicas() * den : (long) d.max() * num * d.replicas();
        }
        assertThat(level).as("water level for %s", fleet).isEqualTo((long) budget * den);
        for (int i = 0; i < fleet.size(); i++) {
            Demand d = fleet.get(i);
            long share = (long) d.max() * num;               // max·s, times den
            long down = share / den;
            long up = share % den == 0 ? down : down + 1;
            if (result.pinned()[i]) {
                assertThat(share).as("%s pinned", d).isLessThan((long) d.floor() * den);
                assertThat(fitted[i]).isEqualTo(d.floor());
            } else {
                assertThat((long) fitted[i]).as("%s fitted, fair share %d/%d", d, share, den).isBetween(down, up);
                if (fitted[i] == down && down != up) {
                    assertThat((long) d.replicas()).as("%s could have had one more with %d left", d, leftover)
                            .isGreaterThan(leftover);
                }
            }
        }
    }

    private static List<Demand> randomFleet(Random random) {
        int services = 1 + random.nextInt(15);
        List<Demand> fleet = new ArrayList<>();
        for (int i = 0; i < services; i++) {
            int max = 1 + random.nextInt(40);
            int floor = 1 + random.nextInt(max);
            int replicas = 1 + random.nextInt(random.nextBoolean() ? 1 : 8);
            fleet.add(new Demand(max, floor, replicas));
        }
        return fleet;
    }

    private static long total(List<Demand> fleet, int[] fitted) {
        long total = 0;
        for (int i = 0; i < fleet.size(); i++) {
            total += (long) fitted[i] * fleet.get(i).replicas();
        }
        return total;
    }
}
