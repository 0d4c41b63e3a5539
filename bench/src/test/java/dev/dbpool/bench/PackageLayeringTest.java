package dev.dbpool.bench;

import dev.dbpool.testdb.layering.PackageLayering;
import org.junit.jupiter.api.Test;

/**
 * No package cycles (read from target/classes). The benchmarks at {@code dev.dbpool.bench} are extended by the
 * classes JMH generates below them ({@code jmh_generated}), so the stricter rule of the other modules does not apply.
 */
class PackageLayeringTest {

    private final PackageLayering layering = PackageLayering.of("dev.dbpool.bench");

    @Test
    void noTwoPackagesDependOnEachOther() {
        layering.assertNoCycles();
    }
}
