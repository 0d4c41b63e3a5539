package dev.dbpool.loadgen.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Time to recover, one wording wherever it is shown. */
class RecoveryTextTest {

    @Test
    void aRecoveryIsInSeconds() {
        assertThat(RecoveryText.of(Runs.run(Runs.CODEL, 800, 200, 0, 4.0), true)).isEqualTo("4s");
    }

    @Test
    void noRecoveryIsSaidInWordsNeverAsNeverOrNotApplicable() {
        assertThat(RecoveryText.of(Runs.run(Runs.THRESHOLD, 800, 200, 0, null), true))
                .startsWith("did not recover within the run").doesNotContain("never", "n/a");
    }

    @Test
    void withoutAFaultThereIsNothingToRecoverFrom() {
        assertThat(RecoveryText.of(Runs.run(Runs.CODEL, 800, 200, 0, null), false)).isEqualTo("-");
    }
}
