package dev.dbpool.cli.plan;

import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.SessionDrift;

import java.io.PrintWriter;
import java.util.List;

/** The report for a pull-request comment or a CI job summary. */
final class PlanMarkdownReport {

    private PlanMarkdownReport() {
    }

    static void print(PlanResult result, PrintWriter out) {
        out.println("### dbpool plan: `" + result.source() + "`" + (result.worstCase() ? " (worst case)" : ""));
        for (DatabaseResult database : result.databases()) {
            out.println();
            if (!result.singleDatabase()) {
                out.println("#### Database `" + database.name() + "`");
                out.println();
            }
            out.println("**" + PlanVerdict.headline(database) + "**");
            out.println();
            PlanTable.of(result, database).printMarkdown(out);
            out.println();
            out.println("Budget: " + database.budget().describe() + ".");
            database.pooler().ifPresent(p -> out.println("PgBouncer: " + PlanVerdict.poolerLine(p) + "."));
            if (database.fitted()) {
                out.println();
                out.println("Fit: " + PlanVerdict.fitLine(database) + ".");
            }
        }
        result.server().ifPresent(s -> out.println("Server: `" + s.url() + "`, PostgreSQL " + s.serverVersion()
                + ", " + s.currentConnections() + " client connections now."));
        section(out, "Violations", result.violations());
        section(out, "Drift", result.drift().stream().filter(d -> d.status() != SessionDrift.Status.WITHIN)
                .map(SessionDrift::describe).toList());
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
