package dev.dbpool.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadSummaryTest {

    private static String result(String method, String policy, String raw, long acquired, long rejected, long cpuNanos) {
        return """
                {"benchmark": "dev.dbpool.bench.VirtualThreadBenchmark.%s", "mode": "avgt", "threads": 1,
                 "params": {"target": "stub", "policy": "%s", "holdMicros": "50"},
                 "primaryMetric": {"score": 0, "scoreUnit": "ns/op", "rawData": %s},
                 "secondaryMetrics": {"acquired": {"rawData": [[%d]]}, "rejected": {"rawData": [[%d]]},
                                      "cpuNanos": {"rawData": [[%d]]}}}
                """.formatted(method, policy, raw, acquired, rejected, cpuNanos);
    }

    @Test
    void reportsThroughputAndCpuPerAcquisitionAgainstHikariCpWithMicrometer() throws Exception {
        VirtualThreadSummary summary = new VirtualThreadSummary();
        summary.add(new ObjectMapper().readTree("[" + String.join(",",
                result("hikariMicrometer", "codel", "[[1000, 1000]]", 1_000, 0, 2_000_000),
                result("acquireWithBackpressure", "codel", "[[500, 500]]", 500, 500, 1_500_000),
                result("hikariBaseline", "codel", "[[900]]", 1_000, 0, 1_800_000)) + "]"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).containsSubsequence(
                "| stub | `hikariBaseline` | 900 | 1.11 M | ×1.11 | — | 1,800 | ×0.90 |",
                "| stub | **`hikariMicrometer`** (reference) | 1,000 | 1.00 M | — | — | 2,000 | — |",
                "| stub | `acquireWithBackpressure` codel | 500 | 1.00 M | ×1.00 | 50 % | 3,000 | ×1.50 |");
    }
}
