package dev.dbpool.cli;

import dev.dbpool.cli.common.CliException;
import dev.dbpool.plan.IoProblem;
import dev.dbpool.runtime.DatabaseUrl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code report.json} and {@code report.html} of a soak, written as everything the CLI prints: masked. */
final class ReportFiles {

    private ReportFiles() {
    }

    static void write(Path dir, String json, String html, PrintWriter err) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), DatabaseUrl.mask(json), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), DatabaseUrl.mask(html), StandardCharsets.UTF_8);
            err.println("dbpool: report written to " + dir.resolve("report.html") + " and report.json");
        } catch (IOException e) {
            throw CliException.usage("--report " + dir + ": cannot write: " + IoProblem.describe(e), e);
        }
    }
}
