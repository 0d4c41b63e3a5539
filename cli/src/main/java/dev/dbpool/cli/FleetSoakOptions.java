package dev.dbpool.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** The options of {@code dbpool soak --fleet FILE|--presets}: every service's pools against one server. */
public final class FleetSoakOptions {

    /** Overrides where the PgBouncer binary is looked for (as {@code --pgbouncer-bin}). */
    public static final String PGBOUNCER_ENV = "DBPOOL_PGBOUNCER";

    @Option(names = "--fleet", paramLabel = "FILE",
            description = "Fleet soak: every service of this services.yaml or these Kubernetes manifests (files, "
                    + "directories; repeatable), pools x replicas, against one PostgreSQL whose max_connections is "
                    + "the plan's.")
    List<Path> files;

    @Option(names = "--presets", description = "Fleet soak of the built-in presets, one replica each, against "
            + "max_connections 100 (as 'dbpool plan --presets').")
    boolean presets;

    @Option(names = "--fit", description = "Fleet soak: run every pool at the plan's proportional fit ('dbpool plan --fit').")
    boolean fit;

    @Option(names = "--pgbouncer", description = "Fleet soak: start a real PgBouncer on loopback (transaction pooling, "
            + "sized from the plan so that its server side fits the budget) and point every pool at it.")
    boolean pgbouncer;

    @Option(names = "--pgbouncer-bin", paramLabel = "PATH", description = "The PgBouncer binary (default: "
            + PGBOUNCER_ENV + ", else pgbouncer on the PATH, else /usr/sbin/pgbouncer).")
    Path pgbouncerBinary;

    @Option(names = "--load", paramLabel = "FACTOR", defaultValue = "1.0", description = "Fleet soak: each service "
            + "runs at peak_qps x FACTOR; a service without peak_qps at a rate that keeps its pools 30%% busy "
            + "(default: ${DEFAULT-VALUE}).")
    double load;

    @Option(names = "--max-connections", paramLabel = "N", description = "Fleet soak: the database's "
            + "max_connections when the fleet file does not give it (Kubernetes manifests never do).")
    Integer maxConnections;

    @Option(names = "--reserved-connections", paramLabel = "N", description = "Fleet soak: connections the plan "
            + "keeps back when the file does not say (default 20%% of max_connections).")
    Integer reservedConnections;

    /** Whether the command line asks for a fleet soak. */
    boolean requested() {
        return presets || files != null && !files.isEmpty();
    }

    /** Whether any fleet-only option was given (an error without --fleet or --presets). */
    boolean anyGiven() {
        return requested() || fit || pgbouncer || pgbouncerBinary != null || maxConnections != null
                || reservedConnections != null;
    }
}
