package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void defaultsRetryNothing() {
        assertThat(RetryPolicy.NONE.enabled()).isFalse();
        assertThat(RetryPolicy.NONE.retries(Outcome.REJECTED)).isFalse();
        assertThat(RetryPolicy.NONE.budget()).isEqualTo(0.1);
        assertThat(RetryPolicy.NONE.retryOn()).containsExactlyInAnyOrder(Outcome.REJECTED, Outcome.TIMED_OUT, Outcome.ERROR);
    }

    @Test
    void backoffIsExponentialWithFullJitterAndCapped() {
        RetryPolicy p = RetryPolicy.of(3).withBackoff(Duration.ofMillis(50));

        assertThat(p.backoffNanos(1, 0.999)).isLessThan(50_000_000L).isGreaterThan(49_000_000L);
        assertThat(p.backoffNanos(2, 0.999)).isLessThan(100_000_000L).isGreaterThan(99_000_000L);
        assertThat(p.backoffNanos(3, 0.5)).isEqualTo(100_000_000L);
        assertThat(p.backoffNanos(1, 0.0)).isZero();
        assertThat(p.backoffNanos(30, 0.999)).isLessThan(RetryPolicy.MAX_BACKOFF.toNanos());
    }

    @Test
    void retriesOnlyTheChosenOutcomes() {
        RetryPolicy p = RetryPolicy.of(2).withRetryOn(EnumSet.of(Outcome.TIMED_OUT));

        assertThat(p.retries(Outcome.TIMED_OUT)).isTrue();
        assertThat(p.retries(Outcome.REJECTED)).isFalse();
        assertThat(p.retries(Outcome.SUCCEEDED)).isFalse();
    }

    @Test
    void parsesBudgetAndOutcomes() {
        assertThat(RetryPolicy.parseBudget("0.25")).isEqualTo(0.25);
        assertThat(RetryPolicy.parseBudget("none")).isNull();
        assertThat(RetryPolicy.parseRetryOn("rejected, timed_out")).containsExactlyInAnyOrder(Outcome.REJECTED, Outcome.TIMED_OUT);
        assertThat(RetryPolicy.keys(RetryPolicy.parseRetryOn("errors,rejected"))).isEqualTo("rejected,errors");
    }

    @Test
    void rejectsBadValuesNamingTheFlag() {
        assertThatThrownBy(() -> RetryPolicy.of(-1)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("retries must be a non-negative integer, got '-1'");
        assertThatThrownBy(() -> RetryPolicy.parseBudget("2")).hasMessage("retryBudget must be a number from 0.0 to 1.0 or none, got '2'");
        assertThatThrownBy(() -> RetryPolicy.parseBudget("lots")).hasMessageContaining("got 'lots'");
        assertThatThrownBy(() -> RetryPolicy.parseRetryOn("")).hasMessageContaining("retryOn must be a comma list");
        assertThatThrownBy(() -> RetryPolicy.of(1).withBackoff(Duration.ZERO)).hasMessageContaining("retryBackoff");
    }
}
