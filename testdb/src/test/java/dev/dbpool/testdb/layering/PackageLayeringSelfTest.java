package dev.dbpool.testdb.layering;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageLayeringSelfTest {

    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final String FIXTURES = "dev.dbpool.testdb.layering.fixture.";

    @Test
    void seesAnEngineThatUsesItsRootBack() {
        PackageLayering cyclic = PackageLayering.of(FIXTURES + "cyclic", TEST_CLASSES);

        assertThatThrownBy(cyclic::assertNoCycles).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining(FIXTURES + "cyclic.engine");
        assertThatThrownBy(cyclic::assertNothingBelowUsesTheRoot).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Engine");
    }

    @Test
    void acceptsARootBuiltOnItsEngine() {
        PackageLayering layered = PackageLayering.of(FIXTURES + "layered", TEST_CLASSES);

        assertThatCode(layered::assertNoCycles).doesNotThrowAnyException();
        assertThatCode(layered::assertNothingBelowUsesTheRoot).doesNotThrowAnyException();
    }

    @Test
    void namesAMissingPackageInsteadOfPassingOnNothing() {
        assertThatThrownBy(() -> PackageLayering.of("dev.dbpool.nothing.here", TEST_CLASSES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dev.dbpool.nothing.here");
    }
}
