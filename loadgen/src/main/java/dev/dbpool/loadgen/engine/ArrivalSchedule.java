package dev.dbpool.loadgen.engine;

import dev.dbpool.loadgen.model.Arrival;
import dev.dbpool.loadgen.model.Fault;
import dev.dbpool.loadgen.model.FaultKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Every intended start of one run, computed before the run from the seed, so that both modes face
 * exactly the same arrivals. Offsets are nanoseconds from the start of the measured run; the warm-up
 * arrivals come first, at negative offsets.
 *
 * <p>The rate is piecewise constant (a spike multiplies it); each piece is generated on its own, which
 * for Poisson arrivals is exact because they have no memory.
 */
public final class ArrivalSchedule {

    private static final long SECOND = 1_000_000_000L;

    private final long[] offsets;
    private final long warmupNanos;
    private final long durationNanos;
    private long[] measured;

    private ArrivalSchedule(long[] offsets, long warmupNanos, long durationNanos) {
        this.offsets = offsets;
        this.warmupNanos = warmupNanos;
        this.durationNanos = durationNanos;
    }

    public static ArrivalSchedule generate(Arrival arrival, double rate, Duration warmup, Duration duration,
                                           List<Fault> faults, long seed) {
        long from = -warmup.toNanos();
        long to = duration.toNanos();
        List<long[]> pieces = new ArrayList<>();      // {start, end} with a rate each
        List<Double> rates = new ArrayList<>();
        long cursor = from;
        List<Fault> spikes = faults.stream().filter(f -> f.kind() == FaultKind.SPIKE).toList();
        // Boundaries where the rate may change: every spike's start and end.
        long[] edges = spikes.stream()
                .flatMapToLong(f -> java.util.stream.LongStream.of(f.start().toNanos(), f.end().toNanos()))
                .filter(t -> t > from && t < to).sorted().distinct().toArray();
        for (long edge : edges) {
            pieces.add(new long[] {cursor, edge});
            cursor = edge;
        }
        pieces.add(new long[] {cursor, to});
        for (long[] piece : pieces) {
            double r = rate;
            for (Fault spike : spikes) {
                if (piece[0] >= spike.start().toNanos() && piece[0] < spike.end().toNanos()) {
                    r *= spike.factor();
                }
            }
            rates.add(r);
        }
        SplittableRandom random = new SplittableRandom(seed);
        LongList out = new LongList((int) Math.min(Integer.MAX_VALUE - 8,
                (long) (rate * (to - from) / SECOND * 1.1) + 16));
        for (int i = 0; i < pieces.size(); i++) {
            long start = pieces.get(i)[0];
            long end = pieces.get(i)[1];
            double perNano = rates.get(i) / SECOND;
            if (arrival == Arrival.CONSTANT) {
                double gap = 1 / perNano;
                // by index, not by adding gaps up: a running sum drifts and adds a stray arrival
                for (long k = 0; ; k++) {
                    long t = start + Math.round(k * gap);
                    if (t >= end) {
                        break;
                    }
                    out.add(t);
                }
            } else {
                double t = start;
                while (true) {
                    t += -Math.log(1.0 - random.nextDouble()) / perNano;
                    if (t >= end) {
                        break;
                    }
                    out.add((long) t);
                }
            }
        }
        return new ArrivalSchedule(out.toArray(), warmup.toNanos(), to);
    }

    /** Intended starts, warm-up included. */
    public int size() {
        return offsets.length;
    }

    /** The i-th intended start, nanoseconds from the start of the measured run (negative in the warm-up). */
    public long offset(int i) {
        return offsets[i];
    }

    public long warmupNanos() {
        return warmupNanos;
    }

    public long durationNanos() {
        return durationNanos;
    }

    /** Intended starts in the measured run (offset ≥ 0). */
    public int measuredCount() {
        return offsets.length - firstMeasured();
    }

    /** Index of the first intended start at or after offset 0. */
    public int firstMeasured() {
        int i = Arrays.binarySearch(offsets, 0L);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && offsets[i - 1] == 0L) {
            i--;
        }
        return i;
    }

    /** The intended starts of the measured run (offset ≥ 0), one array that every run of the soak shares. */
    public synchronized long[] measuredOffsets() {
        if (measured == null) {
            measured = Arrays.copyOfRange(offsets, firstMeasured(), offsets.length);
        }
        return measured;
    }

    /** Intended starts per 1 s window of the measured run: what was offered in each second. */
    public long[] offeredPerSecond() {
        int windows = (int) ((durationNanos + SECOND - 1) / SECOND);
        long[] counts = new long[windows];
        for (long offset : offsets) {
            if (offset >= 0) {
                counts[(int) Math.min(windows - 1, offset / SECOND)]++;
            }
        }
        return counts;
    }

    /** A growable long array: a schedule has up to millions of entries; boxing them would triple the memory. */
    private static final class LongList {
        private long[] values;
        private int size;

        LongList(int capacity) {
            values = new long[Math.max(16, capacity)];
        }

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
