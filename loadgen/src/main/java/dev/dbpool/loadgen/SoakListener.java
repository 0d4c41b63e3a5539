package dev.dbpool.loadgen;

import dev.dbpool.loadgen.engine.Window;

/** Hears a soak as it goes, for a progress line; called from the soak's own threads, so keep it quick. */
public interface SoakListener {

    SoakListener NONE = new SoakListener() {
    };

    /** A step outside the runs: starting the database, setting up the schema. */
    default void step(String what) {
    }

    default void runStarting(Mode mode, SoakScenario scenario) {
    }

    /** Window {@code window.second()} of {@code mode} just closed. */
    default void windowClosed(Mode mode, Window window, SoakScenario scenario) {
    }

    default void runFinished(RunResult result) {
    }
}
