package dev.dbpool.loadgen.peers;

import dev.dbpool.loadgen.model.Peer;
import dev.dbpool.loadgen.model.RequestGate;

import java.util.List;

/**
 * One peer library's settings for a soak: its defaults unless {@code --peer NAME.KEY=VALUE} says
 * otherwise, the keys named after the library's own builder methods.
 */
public sealed interface PeerSettings permits VegasSettings, Gradient2Settings, BulkheadSettings {

    Peer peer();

    /** The keys {@link #with} takes, for messages. */
    List<String> keys();

    /**
     * The same settings with {@code key} set to {@code value}.
     *
     * @throws IllegalArgumentException saying what the value must be; the caller names the flag
     */
    PeerSettings with(String key, String value);

    /**
     * Checks the settings against each other (a floor above a ceiling), once every override is in.
     *
     * @throws IllegalArgumentException saying what must hold
     */
    default void checkConsistent() {
    }

    /** The settings as applied to a pool of {@code poolSize}, for the summary and the report. */
    String describe(int poolSize);

    /** A fresh gate with these settings around a pool of {@code poolSize}: one per run, as it keeps state. */
    RequestGate newGate(int poolSize);

    static int positiveInt(String key, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new IllegalArgumentException(key + " must be a positive integer");
    }
}
