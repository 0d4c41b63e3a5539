package dev.dbpool.loadgen.faults;

/** What a fault does to the database when it starts, and undoes when it ends. */
public interface FaultAction {

    void begin() throws Exception;

    void end() throws Exception;
}
