package dev.dbpool.loadgen.analysis;

import dev.dbpool.loadgen.model.Mode;

import java.util.Comparator;
import java.util.List;

/**
 * The goodput-against-offered-load curve of a soak over several rates, every mode, and its knee: the
 * highest rate up to which the default policy's goodput stays at least {@value #KNEE_SHARE} of what the
 * pool could answer, min(offered, capacity) per second ({@link GoodputOfLimit}; without a measured
 * capacity, of what was offered). Every lower rate must hold too; an invalid run ends the search, as
 * it proves nothing.
 *
 * @param points            every mode at every rate, in the order run
 * @param kneeRatePerSecond {@code null} when the default policy did not run, or did not hold even at the lowest rate
 */
public record Sweep(List<SweepPoint> points, Double kneeRatePerSecond) {

    public static final double KNEE_SHARE = 0.95;

    public static Sweep of(List<SweepPoint> points) {
        List<SweepPoint> byRate = points.stream().filter(p -> p.mode().isDefaultPolicy())
                .sorted(Comparator.comparingDouble(SweepPoint::ratePerSecond)).toList();
        Double knee = null;
        for (SweepPoint p : byRate) {
            if (!p.valid() || !(p.againstLimit() >= KNEE_SHARE)) {
                break;
            }
            knee = p.ratePerSecond();
        }
        return new Sweep(List.copyOf(points), knee);
    }

    /** The modes on the curve, in the order they ran. */
    public List<Mode> modes() {
        return points.stream().map(SweepPoint::mode).distinct().toList();
    }

    /** The rates, ascending, each once. */
    public List<Double> rates() {
        return points.stream().map(SweepPoint::ratePerSecond).distinct().sorted().toList();
    }
}
