package dev.dbpool.plan;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A live server against the plan: the client sessions per {@code application_name} (pools name their
 * sessions after the service) next to each service's allocation. A service above its allocation runs
 * more pods or a larger pool than planned, so the plan no longer describes the fleet: a violation.
 * Sessions of names the plan does not know (consoles, jobs, another fleet) share the budget too: noted.
 */
final class DriftCheck {

    private DriftCheck() {
    }

    static List<SessionDrift> compare(ServerLimits server, List<ServiceAllocation> rows) {
        Map<String, Long> allocated = rows.stream()
                .collect(Collectors.toMap(ServiceAllocation::name, ServiceAllocation::allocated, Long::sum));
        List<SessionDrift> drift = new ArrayList<>();
        new TreeMap<>(server.connectionsByApplication()).forEach((app, sessions) -> drift.add(new SessionDrift(app,
                sessions, allocated.containsKey(app) ? OptionalLong.of(allocated.get(app)) : OptionalLong.empty())));
        return drift;
    }

    static List<String> violations(List<SessionDrift> drift) {
        return drift.stream().filter(d -> d.status() == SessionDrift.Status.ABOVE_ALLOCATION)
                .map(d -> "drift: " + d.describe()).toList();
    }

    static Optional<String> unknownSessionsNote(ServerLimits server, List<SessionDrift> drift) {
        List<SessionDrift> unknown = drift.stream()
                .filter(d -> d.status() == SessionDrift.Status.UNKNOWN_SERVICE && d.sessions() > 0).toList();
        int total = unknown.stream().mapToInt(SessionDrift::sessions).sum();
        if (total == 0) {
            return Optional.empty();
        }
        Map<String, Integer> byName = new TreeMap<>();
        unknown.forEach(d -> byName.put(d.applicationName().isEmpty() ? "(no application_name)" : d.applicationName(),
                d.sessions()));
        return Optional.of("the server has " + server.currentConnections() + " client connections now; " + total
                + " are not from a planned service: "
                + byName.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }
}
