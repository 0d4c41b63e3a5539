package dev.dbpool.cli.emit;

import dev.dbpool.rules.Fleet;

import java.nio.file.Path;

/**
 * Reads what {@code dbpool emit --plan} needs from a plan file: the connection budget and each
 * service's pool size and backpressure threshold.
 *
 * <p>Interim seam: {@link MinimalPlanReader} reads those few fields itself. When the plan model
 * ({@code dev.dbpool.runtime.plan}) is on main, replace it with an adapter over that model so that
 * {@code plan} and {@code emit} share one parser, one set of defaults and one set of error messages.
 */
@FunctionalInterface
public interface PlanReader {

    /**
     * @throws dev.dbpool.cli.CliException a usage error ({@code FILE:LINE:COL: message}) for bad input
     */
    Fleet read(Path planFile);
}
