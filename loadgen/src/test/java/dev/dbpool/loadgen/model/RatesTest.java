package dev.dbpool.loadgen.model;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RatesTest {

    @Test
    void oneRateAListOrARange() {
        assertThat(Rates.parse("1500", "rate")).containsExactly(1500.0);
        assertThat(Rates.parse("500, 1000,2000", "rate")).containsExactly(500.0, 1000.0, 2000.0);
        assertThat(Rates.parse("500..4000/500", "rate")).containsExactly(500.0, 1000.0, 1500.0, 2000.0, 2500.0,
                3000.0, 3500.0, 4000.0);
        assertThat(Rates.parse("100..350/100", "rate")).as("the end when a step lands on it").containsExactly(100.0,
                200.0, 300.0);
        assertThat(Rates.parse("0.1..0.3/0.1", "rate")).containsExactly(0.1, 0.2, 0.3);
        assertThat(Rates.parse("200..200/50", "rate")).containsExactly(200.0);
    }

    @Test
    void fiftyPointsAndNoMore() {
        assertThat(Rates.parse("100..5000/100", "rate")).hasSize(50);
        assertThatThrownBy(() -> Rates.parse("100..5100/100", "rate")).isInstanceOf(InvalidConfigException.class)
                .hasMessage("rate '100..5100/100' gives 51 rates; at most 50 (each is a full set of runs)");
    }

    @Test
    void badRatesNameTheFlagAndTheValue() {
        assertThatThrownBy(() -> Rates.parse("500..100/50", "rate"))
                .hasMessageStartingWith("rate '500..100/50' is an empty range");
        assertThatThrownBy(() -> Rates.parse("0", "rate")).hasMessageEndingWith("got '0'");
        assertThatThrownBy(() -> Rates.parse("-5", "rate")).hasMessageEndingWith("got '-5'");
        assertThatThrownBy(() -> Rates.parse("NaN", "rate")).hasMessageEndingWith("got 'NaN'");
        assertThatThrownBy(() -> Rates.parse("500,", "rate")).hasMessageEndingWith("got '' in '500,'");
        assertThatThrownBy(() -> Rates.parse("1..9/x", "rate")).hasMessageEndingWith("got 'x' in '1..9/x'");
        assertThatThrownBy(() -> Rates.parse("5,5", "rate")).hasMessage("rate '5,5' gives a rate twice");
    }
}
