package dev.dbpool.runtime;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fleet the runtime ships with: one row per service, the only table of pool sizes in the code.
 *
 * <p>The total of the maxima is 111, which is known to exceed the 80 connections a default
 * PostgreSQL ({@code max_connections = 100}, 20 reserved) has for applications: {@code dbpool plan
 * --presets} says so, and {@code --fit} shows the proportional fix.
 */
public record ServicePreset(String service, String tier, int maxConnections, int minConnections) {

    private static final Map<String, ServicePreset> TABLE = table(
            new ServicePreset("auth-service", "high", 16, 5),
            new ServicePreset("user-service", "high", 18, 5),
            new ServicePreset("content-service", "high", 18, 5),
            new ServicePreset("feed-service", "medium-high", 12, 3),
            new ServicePreset("search-service", "medium-high", 12, 3),
            new ServicePreset("media-service", "medium", 8, 2),
            new ServicePreset("notification-service", "medium", 8, 2),
            new ServicePreset("events-service", "medium", 8, 2),
            new ServicePreset("video-service", "light", 4, 1),
            new ServicePreset("streaming-service", "light", 4, 1),
            new ServicePreset("cdn-service", "light", 3, 1));

    /**
     * What a service that is not in the table gets: small on purpose, because an unknown service
     * added to a fleet should not silently take a high-traffic share of the server's connections.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 5;
    public static final int DEFAULT_MIN_CONNECTIONS = 1;
    public static final String DEFAULT_TIER = "default";

    /** The preset for {@code service}, if the table has one. */
    public static Optional<ServicePreset> find(String service) {
        return Optional.ofNullable(TABLE.get(service));
    }

    /** The preset for {@code service}, or the conservative default under that name. */
    public static ServicePreset forService(String service) {
        return find(service).orElseGet(
                () -> new ServicePreset(service, DEFAULT_TIER, DEFAULT_MAX_CONNECTIONS, DEFAULT_MIN_CONNECTIONS));
    }

    /** Every preset, in table order. */
    public static List<ServicePreset> all() {
        return List.copyOf(TABLE.values());
    }

    /** Σ max connections over the table (111). */
    public static int totalMaxConnections() {
        return sum(TABLE.values());
    }

    private static int sum(Collection<ServicePreset> presets) {
        return presets.stream().mapToInt(ServicePreset::maxConnections).sum();
    }

    private static Map<String, ServicePreset> table(ServicePreset... rows) {
        Map<String, ServicePreset> map = new LinkedHashMap<>();
        for (ServicePreset row : rows) {
            map.put(row.service(), row);
        }
        return map;
    }
}
