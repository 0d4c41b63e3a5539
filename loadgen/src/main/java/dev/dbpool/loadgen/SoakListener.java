package dev.dbpool.loadgen;

import dev.dbpool.loadgen.model.Mode;
import dev.dbpool.loadgen.model.RunResult;
import dev.dbpool.loadgen.model.Tick;

/** Hears a soak as it goes, for a progress line; called from the soak's own threads, so keep it quick. */
public interface SoakListener {

    SoakListener NONE = new SoakListener() {
    };

    /** A step outside the runs: starting the database, setting up the schema. */
    default void step(String what) {
    }

    default void runStarting(Mode mode, SoakScenario scenario) {
    }

    /** Wall-clock second {@code tick.second()} of {@code mode}'s run just closed (the live view, not the cohorts). */
    default void tick(Mode mode, Tick tick, SoakScenario scenario) {
    }

    default void runFinished(RunResult result) {
    }
}
