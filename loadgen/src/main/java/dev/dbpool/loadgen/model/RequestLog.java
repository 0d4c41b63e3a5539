package dev.dbpool.loadgen.model;

import java.util.concurrent.TimeUnit;

/**
 * Every measured request of one run: its intended start, its outcome and its latency from the intended
 * start. Request threads write their own slot (no sharing, no lock); it is read once the run's threads
 * are gone. Five bytes a request besides the intended starts, which all runs of a soak share.
 */
public final class RequestLog {

    private static final byte UNFINISHED = 0;
    private static final Outcome[] OUTCOMES = Outcome.values();

    private final long[] intendedNanos;
    private final byte[] outcomes;
    private final int[] latencyMicros;

    /** @param intendedNanos the intended starts, nanoseconds from the start of the measured run, ascending */
    public RequestLog(long[] intendedNanos) {
        this.intendedNanos = intendedNanos;
        this.outcomes = new byte[intendedNanos.length];
        this.latencyMicros = new int[intendedNanos.length];
    }

    /** Request {@code index} (0 = the first measured one) finished with {@code outcome} after {@code latencyNanos}. */
    public void record(int index, Outcome outcome, long latencyNanos) {
        long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
        latencyMicros[index] = (int) Math.min(Integer.MAX_VALUE, micros);
        outcomes[index] = (byte) (outcome.ordinal() + 1);
    }

    public int size() {
        return intendedNanos.length;
    }

    public long intendedNanos(int index) {
        return intendedNanos[index];
    }

    /** The outcome, or {@code null} when the request never finished. */
    public Outcome outcome(int index) {
        byte b = outcomes[index];
        return b == UNFINISHED ? null : OUTCOMES[b - 1];
    }

    public long latencyMicros(int index) {
        return latencyMicros[index];
    }
}
