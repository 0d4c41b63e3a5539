package dev.dbpool.loadgen.fleet;

/**
 * One look at the server's sessions.
 *
 * @param millis        since the start of the measured run (negative in the warm-up)
 * @param sessions      client sessions on the server ({@code pg_stat_activity}, {@code client backend}), every role
 * @param fleetSessions of them, the fleet's (everything but the soak's own admin sessions)
 * @param poolConnections connections the fleet's pools held at that moment (to PgBouncer when there is one)
 */
public record SessionSample(long millis, int sessions, int fleetSessions, int poolConnections) {
}
