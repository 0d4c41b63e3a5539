package dev.dbpool.plan;

/**
 * The largest counts a plan accepts, each the documented limit of the system it counts, so that every
 * sum of the plan stays exact (Σ pool × pods over any fleet fits a {@code long}) and an input past a
 * limit is an error that names it instead of a number that wrapped around into a false "fits".
 */
public final class PlanLimits {

    /** PostgreSQL's {@code MAX_BACKENDS} (2^18 − 1): no server accepts a larger {@code max_connections}. */
    public static final int MAX_CONNECTIONS = 262_143;
    /** Kubernetes' documented limit of pods in one cluster: replicas, autoscaler ceilings, surge pods. */
    public static final int MAX_PODS = 150_000;
    /** Kubernetes' documented limit of nodes in one cluster (a DaemonSet runs a pod on each). */
    public static final int MAX_NODES = 5_000;

    static final String CONNECTIONS_WHY = "PostgreSQL's limit of max_connections";
    static final String PODS_WHY = "Kubernetes' limit of pods in a cluster";
    static final String NODES_WHY = "Kubernetes' limit of nodes in a cluster";

    private PlanLimits() {
    }

    /** {@code "at most 262143 (PostgreSQL's limit of max_connections)"}. */
    public static String connectionsBound() {
        return "at most " + MAX_CONNECTIONS + " (" + CONNECTIONS_WHY + ")";
    }

    /** {@code "at most 150000 (Kubernetes' limit of pods in a cluster)"}. */
    public static String podsBound() {
        return "at most " + MAX_PODS + " (" + PODS_WHY + ")";
    }

    /** {@code "at most 5000 (Kubernetes' limit of nodes in a cluster)"}. */
    public static String nodesBound() {
        return "at most " + MAX_NODES + " (" + NODES_WHY + ")";
    }
}
