package dev.dbpool.plan;

/**
 * The whole numbers a count of the plan may take, with why the upper end is where it is, for messages
 * such as {@code replicas must be at most 150000 (Kubernetes' limit of pods in a cluster), got 2147483647}.
 */
record CountRange(int minimum, int maximum, String why) {

    /** A pool size or a server's {@code max_connections}. */
    static final CountRange CONNECTIONS = new CountRange(1, PlanLimits.MAX_CONNECTIONS, PlanLimits.CONNECTIONS_WHY);
    /** Reserved connections, a pool minimum, a PgBouncer pool setting (0 allowed). */
    static final CountRange CONNECTIONS_OR_NONE = new CountRange(0, PlanLimits.MAX_CONNECTIONS, PlanLimits.CONNECTIONS_WHY);
    /** Replicas, an autoscaler's bounds. */
    static final CountRange PODS = new CountRange(1, PlanLimits.MAX_PODS, PlanLimits.PODS_WHY);
    /** {@code spec.replicas} of a workload (0 is scaled to nothing), a surge in pods. */
    static final CountRange PODS_OR_NONE = new CountRange(0, PlanLimits.MAX_PODS, PlanLimits.PODS_WHY);

    /** {@code a positive whole number} or {@code a whole number, 0 or more}. */
    String kind() {
        return minimum == 1 ? "a positive whole number" : "a whole number, 0 or more";
    }

    /** {@code at most 150000 (Kubernetes' limit of pods in a cluster)}. */
    String upperBound() {
        return "at most " + maximum + " (" + why + ")";
    }
}
