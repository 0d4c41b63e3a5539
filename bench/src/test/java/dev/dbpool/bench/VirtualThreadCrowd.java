package dev.dbpool.bench;

/**
 * Runs one crowd of {@link VirtualThreadBenchmark} per row on the stub driver and prints what became of
 * its calls, one line per row: {@code row=NAME acquired=N rejected=N held=N}. Started on a JDK 21+ by
 * {@link VirtualThreadBenchmarkTest}.
 */
public final class VirtualThreadCrowd {

    private VirtualThreadCrowd() {
    }

    public static void main(String[] args) throws Exception {
        String[][] rows = {{"hikariBaseline", "codel"}, {"hikariMicrometer", "codel"},
                {"acquireWithBackpressure", "codel"}, {"acquireWithBackpressure", "threshold"},
                {"acquireWithBackpressure", "none"}};
        for (String[] row : rows) {
            VirtualThreadBenchmark benchmark = new VirtualThreadBenchmark();
            benchmark.target = BenchTarget.STUB;
            benchmark.policy = row[1];
            benchmark.holdMicros = 50;
            benchmark.open(row[0]);
            try {
                VirtualThreadBenchmark.Usage usage = new VirtualThreadBenchmark.Usage();
                benchmark.crowd(usage);
                int held = benchmark.hikari != null ? benchmark.hikari.getHikariPoolMXBean().getActiveConnections()
                        : benchmark.pool.activeConnections();
                System.out.printf("row=%s-%s acquired=%d rejected=%d held=%d cpu_ns=%d%n", row[0], row[1],
                        usage.acquired, usage.rejected, held, usage.cpuNanos);
            } finally {
                benchmark.close();
            }
        }
    }
}
