package dev.dbpool.loadgen.model;

/** What became of one request (DESIGN §4). */
public enum Outcome {
    /** Got a connection and did its work. */
    SUCCEEDED("succeeded"),
    /** Refused at once by backpressure: the fast failure. */
    REJECTED("rejected"),
    /** Waited the whole acquire timeout for a connection: the slow failure that cascades. */
    TIMED_OUT("timed_out"),
    /** Anything else (the database refused or dropped the session, ...), counted by SQLState class. */
    ERROR("errors");

    private final String key;

    Outcome(String key) {
        this.key = key;
    }

    /** The key in report.json and in {@code --fail-on}. */
    public String key() {
        return key;
    }
}
