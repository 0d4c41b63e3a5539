package dev.dbpool.loadgen.engine;

import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests that failed with something other than a rejection or an acquire timeout, by SQLState class. */
public final class ErrorCounts {

    /** The class of errors that carry no SQLState (a driver or runtime failure). */
    public static final String NO_SQLSTATE = "none";

    private final Map<String, LongAdder> byClass = new ConcurrentHashMap<>();

    public void record(Throwable error) {
        String state = error instanceof SQLException sql ? sql.getSQLState() : null;
        String sqlClass = state == null || state.length() < 2 ? NO_SQLSTATE : state.substring(0, 2);
        byClass.computeIfAbsent(sqlClass, k -> new LongAdder()).increment();
    }

    /** SQLState class (the first two characters, {@code 08} connection exception, {@code 57} operator intervention, ...) → count. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        byClass.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
