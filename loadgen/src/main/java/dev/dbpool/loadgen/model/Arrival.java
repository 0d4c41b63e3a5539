package dev.dbpool.loadgen.model;

import java.util.Locale;

/** How intended starts are spread in time at a given rate. */
public enum Arrival {
    /** Independent arrivals (exponential gaps): how many independent users reach a service. */
    POISSON,
    /** Evenly spaced arrivals (k6's constant-arrival-rate, wrk2). */
    CONSTANT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
