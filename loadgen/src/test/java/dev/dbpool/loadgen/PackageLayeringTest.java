package dev.dbpool.loadgen;

import dev.dbpool.testdb.layering.PackageLayering;
import org.junit.jupiter.api.Test;

/** The API at {@code dev.dbpool.loadgen}, the engine below it, no package cycles (read from target/classes). */
class PackageLayeringTest {

    private final PackageLayering layering = PackageLayering.of("dev.dbpool.loadgen");

    @Test
    void noTwoPackagesDependOnEachOther() {
        layering.assertNoCycles();
    }

    @Test
    void noPackageBelowTheRootUsesTheRoot() {
        layering.assertNothingBelowUsesTheRoot();
    }
}
