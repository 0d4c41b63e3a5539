package dev.dbpool.rules.format;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Go's formatting as Prometheus templates print it (promtool test rules checks the same strings end to end). */
class GoTemplateFormatTest {

    @Test
    void percentagesHaveFourSignificantDigitsWithoutTrailingZeros() {
        assertThat(GoTemplateFormat.humanizePercentage(0.8125)).isEqualTo("81.25%");
        assertThat(GoTemplateFormat.humanizePercentage(0.8)).isEqualTo("80%");
        assertThat(GoTemplateFormat.humanizePercentage(1.0)).isEqualTo("100%");
        assertThat(GoTemplateFormat.humanizePercentage(2.0 / 3)).isEqualTo("66.67%");
        assertThat(GoTemplateFormat.humanizePercentage(0.1234567)).isEqualTo("12.35%");
    }

    @Test
    void durationsInSecondsAndMinutes() {
        assertThat(GoTemplateFormat.humanizeDuration(9.75)).isEqualTo("9.75s");
        assertThat(GoTemplateFormat.humanizeDuration(899.99)).isEqualTo("14m 59s");
        assertThat(GoTemplateFormat.humanizeDuration(0.25)).isEqualTo("250ms");
        assertThat(GoTemplateFormat.humanizeDuration(0)).isEqualTo("0s");
    }

    @Test
    void fixedDecimalsRoundTiesToEven() {
        assertThat(GoTemplateFormat.fixed(0.4, 2)).isEqualTo("0.40");
        assertThat(GoTemplateFormat.fixed(81, 0)).isEqualTo("81");
        assertThat(GoTemplateFormat.fixed(0.125, 2)).isEqualTo("0.12");
    }

    @Test
    void largeAndTinyNumbersUseExponents() {
        assertThat(GoTemplateFormat.g4(123456)).isEqualTo("1.235e+05");
        assertThat(GoTemplateFormat.g4(0.00001234)).isEqualTo("1.234e-05");
        assertThat(GoTemplateFormat.g4(100000)).isEqualTo("1e+05");
    }

    @Test
    void templatesRenderLabelsAndValues() {
        assertThat(AlertTemplate.render("{{ $labels.service }} at {{ $value | humanizePercentage }}, {{ printf \"%.2f\" $value }}/s",
                Map.of("service", "auth-service"), 0.875))
                .isEqualTo("auth-service at 87.5%, 0.88/s");
    }

    @Test
    void anUnsupportedTemplateActionIsAnErrorNotAGuess() {
        assertThatThrownBy(() -> AlertTemplate.render("{{ $value | humanize }}", Map.of(), 1))
                .hasMessageContaining("unsupported template action");
        assertThatThrownBy(() -> AlertTemplate.render("{{ $labels.pod }}", Map.of("service", "x"), 1))
                .hasMessageContaining("$labels.pod");
    }
}
