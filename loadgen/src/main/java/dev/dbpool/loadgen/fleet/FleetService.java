package dev.dbpool.loadgen.fleet;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One service of a fleet soak: {@code replicas} pods, each with its own pool of at most
 * {@code maxConnections}, driven together at {@code ratePerSecond} (split evenly over the replicas),
 * each request holding its connection for {@code hold} on the server.
 *
 * @param name           the service: its pools' {@code ApplicationName} and pool names
 * @param replicas       pods, each with its own pool
 * @param maxConnections pool maximum per replica, as run (the fitted one under {@code --fit})
 * @param plannedMax     the maximum the fleet file gives (differs from {@code maxConnections} under {@code --fit})
 * @param minConnections pool minimum per replica (the soak keeps it small: growth is what is measured)
 * @param ratePerSecond  arrivals per second for the whole service
 * @param rateSource     where the rate came from, for people ({@code peak_qps x 1.0}, {@code default})
 * @param hold           time each request keeps its connection on the server besides its queries
 * @param user           the database role it connects as, when the fleet names one
 */
public record FleetService(String name, int replicas, int maxConnections, int plannedMax, int minConnections,
                           double ratePerSecond, String rateSource, Duration hold, Optional<String> user) {

    public FleetService {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rateSource, "rateSource");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(user, "user");
        if (replicas < 1 || maxConnections < 1 || minConnections < 0 || minConnections > maxConnections
                || !(ratePerSecond > 0) || hold.isNegative()) {
            throw new IllegalArgumentException("invalid fleet service " + name + ": replicas=" + replicas + ", max="
                    + maxConnections + ", min=" + minConnections + ", rate=" + ratePerSecond + ", hold=" + hold);
        }
    }

    /** Σ max over replicas: what its pools may open. */
    public int allocated() {
        return maxConnections * replicas;
    }

    /** The pool name of replica {@code index} (0-based): the service's own with one replica, else {@code name-N}. */
    public String poolName(int index) {
        return replicas == 1 ? name : name + "-" + (index + 1);
    }
}
