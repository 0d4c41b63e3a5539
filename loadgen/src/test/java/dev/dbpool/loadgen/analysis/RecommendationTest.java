package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's first sentence: which mode to run, by the share of offered requests answered in time. */
class RecommendationTest {

    @Test
    void keepsTheDefaultWhenItAnswersMostAndSaysAgainstWhat() {
        assertThat(Recommendation.of(List.of(Runs.run(Mode.WAIT, 434, 0, 566, null),
                Runs.run(Runs.THRESHOLD, 700, 300, 0, 2.0), Runs.run(Runs.CODEL, 800, 200, 0, 0.0))))
                .hasValue("keep codel, the default: 80.0% of offered answered in time, against 43.4% waiting");
    }

    @Test
    void namesThePolicyThatAnswersClearlyMoreAgainstTheDefaultItWouldReplace() {
        assertThat(Recommendation.of(List.of(Runs.run(Mode.WAIT, 434, 0, 566, null),
                Runs.run(Runs.THRESHOLD, 900, 100, 0, 2.0), Runs.run(Runs.CODEL, 800, 200, 0, 0.0))))
                .hasValue("switch to threshold (DB_POOL_BACKPRESSURE_POLICY=threshold): 90.0% of offered answered "
                        + "in time, against 80.0% with codel, the default");
    }

    @Test
    void aDifferenceWithinARunsNoiseKeepsTheDefault() {
        assertThat(Recommendation.of(List.of(Runs.run(Runs.THRESHOLD, 803, 197, 0, 2.0),
                Runs.run(Runs.CODEL, 800, 200, 0, 0.0))))
                .hasValue("keep codel, the default: 80.0% of offered answered in time, against 80.3% with threshold");
    }

    @Test
    void saysSoWhenWaitingAnsweredMost() {
        assertThat(Recommendation.of(List.of(Runs.run(Mode.WAIT, 950, 0, 50, 1.0), Runs.run(Runs.CODEL, 800, 200, 0, 0.0))))
                .hasValue("waiting answered most: no admission policy helped on this soak: 95.0% of offered answered "
                        + "in time, against 80.0% with codel, the default");
    }

    @Test
    void oneRunHasNothingToCompare() {
        assertThat(Recommendation.of(List.of(Runs.run(Runs.CODEL, 800, 200, 0, 0.0)))).isEmpty();
    }
}
