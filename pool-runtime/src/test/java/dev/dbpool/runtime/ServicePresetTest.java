package dev.dbpool.runtime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServicePresetTest {

    @ParameterizedTest(name = "{0}: {1}, max {2}, min {3}")
    @CsvSource({
            "auth-service, high, 16, 5",
            "user-service, high, 18, 5",
            "content-service, high, 18, 5",
            "feed-service, medium-high, 12, 3",
            "search-service, medium-high, 12, 3",
            "media-service, medium, 8, 2",
            "notification-service, medium, 8, 2",
            "events-service, medium, 8, 2",
            "video-service, light, 4, 1",
            "streaming-service, light, 4, 1",
            "cdn-service, light, 3, 1"})
    void everyRowOfTheTableIsAPreset(String service, String tier, int max, int min) {
        assertThat(ServicePreset.find(service)).contains(new ServicePreset(service, tier, max, min));

        DbConfig config = DbConfig.forService(service);
        assertThat(config.maxConnections()).isEqualTo(max);
        assertThat(config.minConnections()).isEqualTo(min);
    }

    @Test
    void presetsTotal111Connections() {
        assertThat(ServicePreset.all()).hasSize(11);
        assertThat(ServicePreset.totalMaxConnections()).isEqualTo(111);
    }

    @Test
    void unknownServiceGetsTheConservativeDefault() {
        DbConfig config = DbConfig.forService("billing-service");

        assertThat(config.serviceName()).isEqualTo("billing-service");
        assertThat(config.maxConnections()).isEqualTo(ServicePreset.DEFAULT_MAX_CONNECTIONS);
        assertThat(config.minConnections()).isEqualTo(ServicePreset.DEFAULT_MIN_CONNECTIONS);
        assertThat(ServicePreset.find("billing-service")).isEmpty();
    }

    @Test
    void presetsUseTheDocumentedTimeoutDefaults() {
        DbConfig config = DbConfig.forService("auth-service");

        assertThat(config.connectTimeout()).hasSeconds(5);
        assertThat(config.acquireTimeout()).hasSeconds(10);
        assertThat(config.idleTimeout()).hasSeconds(600);
        assertThat(config.maxLifetime()).hasSeconds(1800);
        assertThat(config.testBeforeAcquire()).isTrue();
    }
}
