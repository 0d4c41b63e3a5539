package dev.dbpool.plan.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClosestMatchTest {

    private static final List<String> KEYS = List.of("replicas", "max_replicas", "max_connections",
            "min_connections", "peak_qps", "hold_ms", "backpressure_threshold", "database", "user");

    @Test
    void suggestsTheKeyATypoWasMeantToBe() {
        assertThat(ClosestMatch.among("replics", KEYS)).contains("replicas");
        assertThat(ClosestMatch.among("max_conections", KEYS)).contains("max_connections");
        assertThat(ClosestMatch.among("peak_qpss", KEYS)).contains("peak_qps");
    }

    @Test
    void ignoresCaseAndSeparators() {
        assertThat(ClosestMatch.among("maxConnections", KEYS)).contains("max_connections");
        assertThat(ClosestMatch.among("min-connections", KEYS)).contains("min_connections");
        assertThat(ClosestMatch.among("MaxReplicas", KEYS)).contains("max_replicas");
    }

    @Test
    void suggestsNothingForAWordThatIsNotClose() {
        assertThat(ClosestMatch.among("timeout", KEYS)).isEmpty();
        assertThat(ClosestMatch.among("foo", KEYS)).isEmpty();
    }

    @Test
    void levenshteinCountsEdits() {
        assertThat(ClosestMatch.levenshtein("kitten", "sitting")).isEqualTo(3);
        assertThat(ClosestMatch.levenshtein("", "abc")).isEqualTo(3);
        assertThat(ClosestMatch.levenshtein("same", "same")).isZero();
    }
}
