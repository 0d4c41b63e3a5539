package dev.dbpool.cli.plan;

import dev.dbpool.plan.PlanResult;

import java.io.PrintWriter;
import java.util.List;

/** The report for a pull-request comment or a CI job summary. */
final class PlanMarkdownReport {

    private PlanMarkdownReport() {
    }

    static void print(PlanResult result, PrintWriter out) {
        out.println("### dbpool plan: `" + result.source() + "`" + (result.worstCase() ? " (worst case)" : ""));
        out.println();
        out.println("**" + PlanVerdict.headline(result) + "**");
        out.println();
        PlanTable.of(result).printMarkdown(out);
        out.println();
        out.println("Budget: " + result.budget().describe() + ".");
        result.server().ifPresent(s -> out.println("Server: `" + s.url() + "`, PostgreSQL " + s.serverVersion()
                + ", " + s.currentConnections() + " client connections now."));
        if (result.fitted()) {
            out.println();
            out.println("Fit: " + PlanVerdict.fitLine(result) + ".");
        }
        section(out, "Violations", result.violations());
        section(out, "Advice", result.advice());
        section(out, "Notes", result.notes());
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println("**" + title + "**");
        out.println();
        for (String line : lines) {
            out.println("- " + line);
        }
    }
}
