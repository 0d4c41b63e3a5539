package dev.dbpool.testdb.layering;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A module's {@code PackageLayeringTest} in one line: {@code class PackageLayeringTest extends
 * PackageLayeringContract} with the module's root package. Runs {@link PackageLayering}'s rules on the module's
 * {@code target/classes}.
 */
public abstract class PackageLayeringContract {

    private final PackageLayering layering;
    private final String whyBelowMayUseTheRoot;

    /** Both rules: no cycles, and nothing below {@code root} uses it. */
    protected PackageLayeringContract(String root) {
        this(root, null);
    }

    /** No cycles only; {@code whyBelowMayUseTheRoot} says why the stricter rule does not hold for this module. */
    protected PackageLayeringContract(String root, String whyBelowMayUseTheRoot) {
        this.layering = PackageLayering.of(root);
        this.whyBelowMayUseTheRoot = whyBelowMayUseTheRoot;
    }

    @Test
    void noTwoPackagesDependOnEachOther() {
        layering.assertNoCycles();
    }

    @Test
    void noPackageBelowTheRootUsesTheRoot() {
        assumeTrue(whyBelowMayUseTheRoot == null, whyBelowMayUseTheRoot);
        layering.assertNothingBelowUsesTheRoot();
    }
}
