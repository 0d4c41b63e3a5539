package dev.dbpool.rules.promql;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromDurationTest {

    @Test
    void formatsLikePrometheus() {
        assertThat(PromDuration.format(Duration.ofMinutes(2))).isEqualTo("2m");
        assertThat(PromDuration.format(Duration.ofSeconds(105))).isEqualTo("1m45s");
        assertThat(PromDuration.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(PromDuration.format(Duration.ofMillis(250))).isEqualTo("250ms");
        assertThat(PromDuration.format(Duration.ZERO)).isEqualTo("0s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5s", "1m30s", "2h", "1d", "250ms", "1h0m5s"})
    void parsesWhatItFormats(String text) {
        Duration parsed = PromDuration.parse(text);
        assertThat(PromDuration.parse(PromDuration.format(parsed))).isEqualTo(parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "five", "5 s", "-5s", "1.5m", "5sec"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> PromDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a duration");
    }

    @Test
    void numbersAreWrittenAsPeopleWriteThem() {
        assertThat(PromQl.number(5.0)).isEqualTo("5");
        assertThat(PromQl.number(0.8)).isEqualTo("0.8");
        assertThat(PromQl.number(0.0005)).isEqualTo("0.0005");
        assertThat(PromQl.number(2.0 / 3)).isEqualTo("0.6666666666666666");
        assertThat(PromQl.number(100)).isEqualTo("100");
    }

    @Test
    void regexAlternationsMatchOnlyTheLiterals() {
        assertThat(PromQl.alternation(java.util.List.of("a-service", "cron.worker+1")))
                .isEqualTo("a-service|cron\\.worker\\+1");
        assertThat(PromQl.selector("m", PromQl.notRegex("service", "cron\\.worker")))
                .isEqualTo("m{service!~\"cron\\\\.worker\"}");
    }
}
