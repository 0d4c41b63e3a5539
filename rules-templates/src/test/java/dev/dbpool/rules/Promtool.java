package dev.dbpool.rules;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;

/**
 * The real {@code promtool} for this module's tests ({@link dev.dbpool.rules.promtool.Promtool}). Tests
 * that need it are skipped (with a message in the report) when it is not on the PATH, unless
 * {@code DBPOOL_REQUIRE_PROMTOOL=1}, which CI sets after installing the Debian package so that it never skips.
 */
final class Promtool {

    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    static void assumeInstalled() {
        boolean installed = dev.dbpool.rules.promtool.Promtool.find().isPresent();
        if (!installed && dev.dbpool.rules.promtool.Promtool.required()) {
            throw new AssertionError("DBPOOL_REQUIRE_PROMTOOL=1 but promtool is not on the PATH "
                    + "(apt-get install -y prometheus)");
        }
        Assumptions.assumeTrue(installed,
                "promtool not on the PATH: promtool checks SKIPPED (apt-get install -y prometheus; .ci/run does)");
    }

    static Result run(Path workDir, String... args) {
        dev.dbpool.rules.promtool.Promtool.Result result =
                dev.dbpool.rules.promtool.Promtool.find().orElseThrow().run(workDir, args);
        return new Result(result.exitCode(), result.output());
    }
}
