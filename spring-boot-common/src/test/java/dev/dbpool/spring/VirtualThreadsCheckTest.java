package dev.dbpool.spring;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadsCheckTest {

    private static final Map<String, String> VIRTUAL = Map.of("spring.threads.virtual.enabled", "true");

    @Test
    void theFloorIsHikari710() {
        assertThat(VirtualThreadsCheck.HIKARI_FLOOR).isEqualTo("7.1.0");
        assertThat(VirtualThreadsCheck.olderThanFloor("7.0.2")).isTrue();  // what Boot 4.0.7 manages
        assertThat(VirtualThreadsCheck.olderThanFloor("6.3.3")).isTrue();  // what Boot 3.5.7 manages
        assertThat(VirtualThreadsCheck.olderThanFloor("5.1.0")).isTrue();
        assertThat(VirtualThreadsCheck.olderThanFloor("7.1.0")).isFalse();
        assertThat(VirtualThreadsCheck.olderThanFloor("7.1.1-SNAPSHOT")).isFalse();
        assertThat(VirtualThreadsCheck.olderThanFloor("7.2")).isFalse();
        assertThat(VirtualThreadsCheck.olderThanFloor("8.0.0")).isFalse();
    }

    @Test
    void warnsOnVirtualThreadsWithAnOlderHikari() {
        assertThat(VirtualThreadsCheck.warning(VIRTUAL::get, 25, Optional.of("7.0.2"))).hasValueSatisfying(warning ->
                assertThat(warning).startsWith("spring.threads.virtual.enabled=true with HikariCP 7.0.2: before 7.1.0")
                        .contains("hikaricp.version", "7.1.0 or later"));
    }

    @Test
    void saysNothingWhenVirtualThreadsAreOffOrTheJavaHasNone() {
        assertThat(VirtualThreadsCheck.warning(Map.<String, String>of()::get, 25, Optional.of("7.0.2"))).isEmpty();
        assertThat(VirtualThreadsCheck.warning(Map.of("spring.threads.virtual.enabled", "false")::get, 25,
                Optional.of("6.3.3"))).isEmpty();
        // Boot itself ignores the property before Java 21.
        assertThat(VirtualThreadsCheck.warning(VIRTUAL::get, 17, Optional.of("6.3.3"))).isEmpty();
    }

    @Test
    void saysNothingOnTheFloorOrAboveOrWhenTheVersionIsUnknown() {
        assertThat(VirtualThreadsCheck.warning(VIRTUAL::get, 21, Optional.of("7.1.0"))).isEmpty();
        assertThat(VirtualThreadsCheck.warning(VIRTUAL::get, 21, Optional.empty())).isEmpty();
    }

    @Test
    void readsTheHikariOnTheClasspath() {
        assertThat(VirtualThreadsCheck.hikariVersion()).hasValueSatisfying(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+.*"));
    }
}
