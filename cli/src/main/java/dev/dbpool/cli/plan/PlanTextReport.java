package dev.dbpool.cli.plan;

import dev.dbpool.plan.PlanResult;

import java.io.PrintWriter;
import java.util.List;

/** The report for a terminal: the table, then the budget, the verdict and what to do about it. */
final class PlanTextReport {

    private PlanTextReport() {
    }

    static void print(PlanResult result, PrintWriter out) {
        out.println("Fleet plan: " + result.source() + (result.worstCase()
                ? " (worst case: every service at max_replicas)" : ""));
        out.println();
        PlanTable.of(result).printText(out);
        out.println();
        out.println("Budget:   " + result.budget().describe());
        result.server().ifPresent(s -> out.println("Server:   " + s.url() + ", PostgreSQL " + s.serverVersion()
                + ", " + s.currentConnections() + " client connections now"));
        out.println("Verdict:  " + PlanVerdict.headline(result));
        if (result.fitted()) {
            out.println("Fit:      " + PlanVerdict.fitLine(result));
        }
        if (result.violations().size() > 1) {
            // The verdict line already says the first; list them all when there is more than one.
            section(out, "Violations", result.violations());
        }
        section(out, "Advice", result.advice());
        section(out, "Notes", result.notes());
    }

    private static void section(PrintWriter out, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        for (String line : lines) {
            out.println("  - " + line);
        }
    }
}
