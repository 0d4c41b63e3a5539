package dev.dbpool.cli.plan;

import dev.dbpool.plan.PlanResult;

/** The verdict and fit lines, worded once for the text and Markdown reports. */
final class PlanVerdict {

    private PlanVerdict() {
    }

    /** {@code FITS: 263 of 320 allocated, headroom 57} or {@code OVER BUDGET: 111 allocated, 80 available, 31 over}. */
    static String headline(PlanResult result) {
        long available = result.budget().available();
        if (result.fits()) {
            return "FITS: " + result.totalAllocated() + " of " + available + " allocated, headroom " + result.headroom();
        }
        if (available <= 0) {
            return "NO BUDGET: nothing is left for the services after the reserved connections";
        }
        return "OVER BUDGET: " + result.totalAllocated() + " allocated, " + available + " available, "
                + (-result.headroom()) + " over";
    }

    /** What the proportional fit came to. */
    static String fitLine(PlanResult result) {
        long fitted = result.fittedTotalAllocated().getAsLong();
        long available = result.budget().available();
        if (result.totalAllocated() <= available) {
            return "nothing to do: the pools already fit (a fit only scales down)";
        }
        if (!result.fitSucceeded()) {
            return "impossible: even at their minimums the pools take " + fitted + " of " + available;
        }
        return "every max scaled down in proportion, none below its min (or 1): " + fitted + " of " + available
                + " allocated, headroom " + (available - fitted);
    }
}
