package dev.dbpool.loadgen.model;

/**
 * What became of a set of requests (a 1 s cohort, a phase, a whole run), counted by their intended
 * start. {@code goodput + late} is what succeeded.
 *
 * @param offered    requests due to start
 * @param goodput    succeeded within the deadline from the intended start
 * @param late       succeeded after the deadline: the user had given up
 * @param unfinished still queued or running when the run's drain gave up
 */
public record Tally(long offered, long goodput, long late, long rejected, long timedOut, long errors, long unfinished) {

    public static final Tally EMPTY = new Tally(0, 0, 0, 0, 0, 0, 0);

    public long succeeded() {
        return goodput + late;
    }

    public long count(Outcome outcome) {
        return switch (outcome) {
            case SUCCEEDED -> succeeded();
            case REJECTED -> rejected;
            case TIMED_OUT -> timedOut;
            case ERROR -> errors;
        };
    }

    /** goodput / offered; {@code NaN} when nothing was due. */
    public double goodputRatio() {
        return offered == 0 ? Double.NaN : (double) goodput / offered;
    }

    /** rejected / offered; {@code NaN} when nothing was due. */
    public double shedRatio() {
        return offered == 0 ? Double.NaN : (double) rejected / offered;
    }

    public Tally plus(Tally o) {
        return new Tally(offered + o.offered, goodput + o.goodput, late + o.late, rejected + o.rejected,
                timedOut + o.timedOut, errors + o.errors, unfinished + o.unfinished);
    }
}
