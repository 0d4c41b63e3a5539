package dev.dbpool.junit;

import dev.dbpool.loadgen.model.Tally;

import java.util.Locale;

/** One phase of a run ({@code before}, {@code during}, {@code after} the faults), by intended start. */
public final class SoakPhase {

    private final String name;
    private final Tally tally;

    SoakPhase(String name, Tally tally) {
        this.name = name;
        this.tally = tally;
    }

    public String name() {
        return name;
    }

    public long offered() {
        return tally.offered();
    }

    public long goodput() {
        return tally.goodput();
    }

    /** goodput / offered; {@code NaN} when nothing was due in this phase. */
    public double goodputRatio() {
        return tally.goodputRatio();
    }

    /** rejected / offered; {@code NaN} when nothing was due. */
    public double shedRatio() {
        return tally.shedRatio();
    }

    public long late() {
        return tally.late();
    }

    public long rejected() {
        return tally.rejected();
    }

    public long timedOut() {
        return tally.timedOut();
    }

    public long errors() {
        return tally.errors();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: goodput %d/%d, rejected %d, timed out %d, late %d, errors %d",
                name, goodput(), offered(), rejected(), timedOut(), late(), errors());
    }
}
