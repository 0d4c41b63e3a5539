package dev.dbpool.junit;

import dev.dbpool.plan.FleetPlan;
import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.Emitter;
import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.GeneratedFiles;
import dev.dbpool.rules.PlanFleet;
import dev.dbpool.rules.promtool.Promtool;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The Prometheus alert rules, their promtool unit tests and the Grafana dashboard that {@code dbpool emit}
 * writes, for a service's own plan, checked from a test by the real {@code promtool}:
 *
 * <pre>{@code
 * AlertRules.forPlan(Path.of("src/test/resources/services.yaml")).assertPromtoolPasses(tempDir);
 * }</pre>
 *
 * A failing check fails the test with promtool's own output. Without promtool on the {@code PATH} the test
 * is skipped with how to install it ({@code apt-get install -y prometheus}), unless the build demands it
 * ({@code DBPOOL_REQUIRE_PROMTOOL=1}, as CI does): then it fails.
 */
public final class AlertRules {

    /** The rules file, relative to the directory the files are written to. */
    public static final String RULES = Emitter.ALERTS;
    /** The promtool unit tests of the rules. */
    public static final String TESTS = Emitter.TESTS;
    public static final String DASHBOARD = Emitter.DASHBOARD;

    private final GeneratedFiles files;

    private AlertRules(GeneratedFiles files) {
        this.files = files;
    }

    /** For the fleet in {@code plan} (a services.yaml or Kubernetes manifests), read as {@code dbpool plan} reads it. */
    public static AlertRules forPlan(Path plan) {
        return forPlan(plan, EmitOptions.ofDefaults());
    }

    /** The same with a runbook URL of the team's own ({@code EmitOptions.ofDefaults().withRunbookUrl(...)}). */
    public static AlertRules forPlan(Path plan, EmitOptions options) {
        return new AlertRules(Emitter.emit(PlanFleet.read(plan), options));
    }

    /** For a plan already loaded or built in code. */
    public static AlertRules forPlan(FleetPlan plan) {
        return new AlertRules(Emitter.emit(PlanFleet.of(plan, plan.source()), EmitOptions.ofDefaults()));
    }

    /** {@code dbpool emit} without a plan: fleet-wide thresholds. */
    public static AlertRules defaults() {
        return new AlertRules(Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults()));
    }

    /** Relative path to content: {@link #RULES}, {@link #TESTS}, {@link #DASHBOARD}. */
    public GeneratedFiles files() {
        return files;
    }

    /** The rules file's text. */
    public String rules() {
        return files.get(RULES);
    }

    /** Writes the files under {@code dir} (as {@code dbpool emit --out DIR} would). */
    public List<Path> writeTo(Path dir) {
        try {
            return files.writeTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rules under " + dir, e);
        }
    }

    /**
     * Writes the files under {@code dir} and runs {@code promtool check rules} and {@code promtool test rules}
     * on them there.
     *
     * @return both runs, in that order
     * @throws AssertionFailedError  with promtool's command line and output when either fails
     * @throws TestAbortedException  when promtool is not on the {@code PATH} (how to install it), unless
     *                               {@code DBPOOL_REQUIRE_PROMTOOL=1}: then an {@link AssertionFailedError}
     */
    public List<Promtool.Result> assertPromtoolPasses(Path dir) {
        Promtool promtool = requirePromtool();
        writeTo(dir);
        return check(promtool, dir);
    }

    /** Runs both checks on the files as they are under {@code dir}. */
    static List<Promtool.Result> check(Promtool promtool, Path dir) {
        Promtool.Result check = promtool.run(dir, "check", "rules", RULES);
        if (!check.succeeded()) {
            throw new AssertionFailedError("the alert rules do not pass promtool: " + check.describe());
        }
        Promtool.Result test = promtool.run(dir, "test", "rules", TESTS);
        if (!test.succeeded()) {
            throw new AssertionFailedError("the alert rules fail their promtool unit tests: " + test.describe());
        }
        return List.of(check, test);
    }

    /**
     * The promtool on the {@code PATH}.
     *
     * @throws TestAbortedException  when there is none, saying how to install it
     * @throws AssertionFailedError  instead when {@code DBPOOL_REQUIRE_PROMTOOL=1}
     */
    public static Promtool requirePromtool() {
        return requirePromtool(Promtool.find(), Promtool.required());
    }

    static Promtool requirePromtool(java.util.Optional<Promtool> found, boolean required) {
        if (found.isPresent()) {
            return found.get();
        }
        if (required) {
            throw new AssertionFailedError(Promtool.REQUIRE_ENV + "=1 but promtool is not on the PATH; install it: "
                    + Promtool.INSTALL_HINT);
        }
        throw new TestAbortedException("promtool is not on the PATH, so the alert rules were not checked "
                + "(skipped). Install it: " + Promtool.INSTALL_HINT + ". Set " + Promtool.REQUIRE_ENV
                + "=1 to make this a failure (CI does).");
    }
}
