package dev.dbpool.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterFlagsTest {

    @Test
    void theParameterAMessageStartsWithBecomesItsFlag() {
        assertThat(ParameterFlags.inFlags("rate must be a positive number of arrivals per second, got '-5'"))
                .isEqualTo("--rate must be a positive number of arrivals per second, got '-5'");
        assertThat(ParameterFlags.inFlags("modes must name at least one of [wait, threshold, codel]"))
                .as("a mode's name later in the sentence is not a parameter")
                .isEqualTo("--mode must name at least one of [wait, threshold, codel]");
        assertThat(ParameterFlags.inFlags("writePercent must be from 0 to 100, got '101'"))
                .isEqualTo("--write-percent must be from 0 to 100, got '101'");
    }

    @Test
    void aTwoWordNameIsAParameterWhereverItStands() {
        assertThat(ParameterFlags.inFlags("fault restart needs the embedded database (no databaseUrl) or pgCtl"))
                .isEqualTo("--fault restart needs the embedded database (no --database-url) or --pg-ctl");
    }

    @Test
    void flagsAndOtherWordsStayAsTheyAre() {
        assertThat(ParameterFlags.inFlags("--fail-on mode must be one of wait, threshold"))
                .isEqualTo("--fail-on mode must be one of wait, threshold");
        assertThat(ParameterFlags.inFlags("DB_POOL_BACKPRESSURE_THRESHOLD must be a number"))
                .isEqualTo("DB_POOL_BACKPRESSURE_THRESHOLD must be a number");
    }
}
