package dev.dbpool.loadgen.model;

import java.time.Duration;

/**
 * What happened to one fault in one run: when it actually began and ended (from the start of the
 * measured run), and what went wrong, if anything.
 */
public record FaultEvent(Fault fault, Duration began, Duration ended, String error) {
}
