package dev.dbpool.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JmhSummaryTest {

    private static String result(String method, int threads, String raw, String secondary) {
        return result(method, "codel", threads, raw, secondary);
    }

    private static String result(String method, String policy, int threads, String raw, String secondary) {
        return """
                {"benchmark": "dev.dbpool.bench.AcquireBenchmark.%s", "mode": "avgt", "threads": %d,
                 "params": {"target": "stub", "poolSize": "4", "policy": "%s"},
                 "primaryMetric": {"score": 0, "scoreUnit": "ns/op", "rawData": %s},
                 "secondaryMetrics": {%s}}
                """.formatted(method, threads, policy, raw, secondary);
    }

    private static JmhSummary summaryOf(String... files) throws Exception {
        JmhSummary summary = new JmhSummary();
        for (String file : files) {
            summary.add(new ObjectMapper().readTree(file));
        }
        return summary;
    }

    @Test
    void mergesTheIterationsOfEveryFileAndForkBeforeTakingTheMedian() throws Exception {
        JmhSummary summary = summaryOf(
                "[" + result("hikariBaseline", 1, "[[100, 110], [300]]", "") + "]",
                "[" + result("hikariBaseline", 1, "[[120, 90]]", "") + "]");

        JmhSummary.Cell cell = summary.cells().get(0);
        assertThat(cell.nsPerOp()).hasSize(5);
        assertThat(cell.median()).isEqualTo(110.0);
        assertThat(cell.min()).isEqualTo(90.0);
        assertThat(cell.max()).isEqualTo(300.0);
    }

    @Test
    void reportsTheAddedCostTheRejectedShareAndTheVerdict() throws Exception {
        JmhSummary summary = summaryOf("[" + String.join(",",
                result("hikariBaseline", 1, "[[140, 140, 140]]", "\"gc.alloc.rate.norm\": {\"rawData\": [[56, 56, 56]]}"),
                result("acquireWithBackpressure", 1, "[[200, 210, 220]]",
                        "\"gc.alloc.rate.norm\": {\"rawData\": [[56, 56, 56]]}, "
                                + "\"acquired\": {\"rawData\": [[30, 30, 40]]}, \"rejected\": {\"rawData\": [[0, 0, 0]]}"),
                result("acquireWithBackpressure", "threshold", 1, "[[300, 310, 320]]",
                        "\"acquired\": {\"rawData\": [[30, 30, 40]]}, \"rejected\": {\"rawData\": [[0, 0, 0]]}"),
                result("hikariBaseline", 8, "[[1000]]", ""),
                result("acquireWithMetrics", 8, "[[1200]]", ""),
                result("acquireWithBackpressure", "threshold", 8, "[[2000]]",
                        "\"acquired\": {\"rawData\": [[25]]}, \"rejected\": {\"rawData\": [[75]]}")) + "]");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).contains(
                "| stub | 1 | `hikariBaseline` | 140 | 140 – 140 | — | 56.0 | — | 7.14 M |",
                "| stub | 1 | `acquireWithBackpressure` threshold | 310 | 300 – 320 | +170 ns | — | 0 % | 3.23 M |",
                "| stub | 1 | `acquireWithBackpressure` codel | 210 | 200 – 220 | +70.0 ns | 56.0 | 0 % | 4.76 M |",
                "| stub | 8 | `acquireWithBackpressure` threshold | 2,000 | 2,000 – 2,000 | +1,000 ns | — | 75 % | 1.00 M |",
                "| stub | `acquireWithBackpressure` threshold | 310 | 2,000 | ×6.5 | 75 % |",
                "Added cost of `acquireWithBackpressure` codel over `hikariBaseline`, stub driver, 1 thread (medians): "
                        + "+70.0 ns, 56.0 B/call against 56.0; target ≤ 100 ns and no more bytes: met",
                "`acquireWithMetrics` over `hikariBaseline`, stub driver, 8 threads (medians): ×1.20; target ≤ ×1.25: met");
        // Order: baseline, metrics, then the policies in the order threshold, codel, deadline.
        assertThat(lines.indexOf("| stub | 1 | `acquireWithBackpressure` threshold | 310 | 300 – 320 | +170 ns | — | 0 % | 3.23 M |"))
                .isLessThan(lines.indexOf("| stub | 1 | `acquireWithBackpressure` codel | 210 | 200 – 220 | +70.0 ns | 56.0 | 0 % | 4.76 M |"));
    }

    @Test
    void comparesEveryRowWithHikariCpAsSpringBootConfiguresIt() throws Exception {
        JmhSummary summary = summaryOf("[" + String.join(",",
                result("hikariBaseline", 1, "[[100]]", ""),
                result("hikariMicrometer", 1, "[[200]]", "\"calls\": {\"rawData\": [[1000]]}, \"cpuNanos\": {\"rawData\": [[150000]]}"),
                result("acquireWithBackpressure", 1, "[[180]]", "\"calls\": {\"rawData\": [[1000]]}, \"cpuNanos\": {\"rawData\": [[120000]]}"),
                result("hikariBaseline", 8, "[[400]]", ""),
                result("hikariMicrometer", 8, "[[800]]", ""),
                result("acquireWithBackpressure", 8, "[[1000]]", "")) + "]");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        summary.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines.get(0)).isEqualTo("| target | threads | method | median ns/call | against `hikariMicrometer` | against `hikariBaseline` "
                + "| CPU ns/call | CPU against `hikariMicrometer` |");
        assertThat(lines).contains(
                "| stub | 1 | **`hikariMicrometer`** (reference) | 200 | — | ×2.00 | 150 | — |",
                "| stub | 1 | `acquireWithBackpressure` codel | 180 | ×0.90 | ×1.80 | 120 | ×0.80 |",
                "| stub | 8 | `acquireWithBackpressure` codel | 1,000 | ×1.25 | ×2.50 | — | — |",
                "`acquireWithBackpressure` codel (the default path) over `hikariMicrometer`, stub driver (medians): "
                        + "1 thread ×0.90, 8 threads ×1.25; target ≤ ×1.00: NOT met");
    }

    @Test
    void thousandthsOfAByteOfBackgroundAllocationAreNotMoreAllocation() throws Exception {
        JmhSummary summary = summaryOf("[" + String.join(",",
                result("hikariBaseline", 1, "[[110]]", "\"gc.alloc.rate.norm\": {\"rawData\": [[56.0024]]}"),
                result("acquireWithBackpressure", 1, "[[200]]", "\"gc.alloc.rate.norm\": {\"rawData\": [[56.0049]]}"),
                result("acquireWithBackpressure", "threshold", 1, "[[200]]", "\"gc.alloc.rate.norm\": {\"rawData\": [[96.2]]}"))
                + "]");
        List<JmhSummary.Cell> cells = summary.cells();
        JmhSummary.Cell baseline = cells.get(0);

        assertThat(JmhSummary.allocatesMore(cells.get(2), baseline)).as("codel, 56 B").isFalse();
        assertThat(JmhSummary.allocatesMore(cells.get(1), baseline)).as("threshold, an exception now and then").isTrue();
    }

    @Test
    void percentileIsNearestRankWithTheUsualEvenMedian() {
        assertThat(JmhSummary.percentile(List.of(4.0, 1.0, 3.0, 2.0), 50)).isCloseTo(2.5, within(1e-9));
        assertThat(JmhSummary.percentile(List.of(4.0, 1.0, 3.0, 2.0), 0)).isEqualTo(1.0);
        assertThat(JmhSummary.percentile(List.of(4.0, 1.0, 3.0, 2.0), 100)).isEqualTo(4.0);
    }
}
