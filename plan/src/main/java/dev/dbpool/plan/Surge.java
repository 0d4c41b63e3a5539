package dev.dbpool.plan;

/**
 * How many extra pods a rolling update starts above the desired count (Kubernetes' {@code maxSurge}):
 * a number, or a percentage of the desired replicas rounded up, as the Deployment controller does.
 * Each extra pod opens its own pool, so the worst case counts them.
 *
 * @param value   pods, or percent when {@code percent}
 * @param percent whether {@code value} is a percentage
 */
public record Surge(int value, boolean percent) {

    /** No surge: {@code Recreate} Deployments, StatefulSets, and services.yaml services. */
    public static final Surge NONE = new Surge(0, false);
    /** Kubernetes' default {@code maxSurge}. */
    public static final Surge KUBERNETES_DEFAULT = new Surge(25, true);

    public Surge {
        if (value < 0) {
            throw new IllegalArgumentException("surge must not be negative, got " + value);
        }
    }

    public static Surge pods(int value) {
        return new Surge(value, false);
    }

    public static Surge percentOf(int value) {
        return new Surge(value, true);
    }

    /**
     * The extra pods at {@code replicas} desired: {@code ceil(replicas × percent / 100)} or the number;
     * {@link Integer#MAX_VALUE} when that does not fit an int (a count no cluster runs, which the plan refuses).
     */
    public int podsAt(int replicas) {
        long pods = percent ? ((long) replicas * value + 99) / 100 : value;
        return (int) Math.min(pods, Integer.MAX_VALUE);
    }

    /** {@code 25%} or {@code 2}. */
    @Override
    public String toString() {
        return percent ? value + "%" : String.valueOf(value);
    }
}
