package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.Workload;
import dev.dbpool.runtime.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.List;

/**
 * The scaled-down soak the loadgen tests share, so that each phase takes seconds: 1 s acquire
 * timeout, 60 request threads, 400 arrivals/s, 10,000 rows, 12 s measured after 1 s of warm-up, on the
 * tests' real PostgreSQL. The assertions built on it are about behaviour, not timing.
 */
final class ShortSoaks {

    private ShortSoaks() {
    }

    /** A soak schema of its own on the tests' database; close it after the class. */
    static SoakDatabase openDatabase() {
        return SoakDatabase.external(TestDatabase.get().databaseUrl(), null);
    }

    static SoakScenario.Builder scenario(String... faults) {
        return SoakScenario.builder("auth-service")
                .duration(Duration.ofSeconds(12))
                .warmup(Duration.ofSeconds(1))
                .rate(400)
                .threads(60)
                .acquireTimeout(Duration.ofSeconds(1))
                .workload(Workload.ofDefaults().withRows(10_000))
                .faults(List.of(faults).stream().map(Fault::parse).toList());
    }

    static SoakReport run(SoakDatabase database, SoakScenario scenario) throws InterruptedException {
        return SoakRunner.run(scenario, database, new SimpleMeterRegistry(), SoakListener.NONE);
    }
}
