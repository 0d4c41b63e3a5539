package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest {

    @Test
    void readsTheUnitsPeopleType() {
        assertThat(DurationText.parse("x", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationText.parse("x", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationText.parse("x", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationText.parse("x", "1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationText.parse("x", "1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationText.parse("x", "45")).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void namesTheFlagAndTheValueWhenItCannotRead() {
        assertThatThrownBy(() -> DurationText.parse("duration", "-5s"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("duration must be a duration such as 500ms, 30s or 2m, got '-5s'");
        assertThatThrownBy(() -> DurationText.parse("duration", "")).hasMessageContaining("got ''");
        assertThatThrownBy(() -> DurationText.parse("duration", "5 parsecs")).hasMessageContaining("'5 parsecs'");
    }

    @Test
    void formatsSoThatItParsesBack() {
        for (Duration d : new Duration[] {Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(90),
                Duration.ofMinutes(2), Duration.ofMillis(2500)}) {
            assertThat(DurationText.parse("x", DurationText.format(d))).isEqualTo(d);
        }
    }
}
