package dev.dbpool.cli.plan;

import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.SessionDrift;

import java.io.PrintWriter;
import java.util.List;

/** The report for a terminal: per database the table, the budget and the verdict; then what to do about it. */
final class PlanTextReport {

    private PlanTextReport() {
    }

    static void print(PlanResult result, PrintWriter out) {
        out.println("Fleet plan: " + result.source() + (result.worstCase()
                ? " (worst case: every service at max_replicas, plus its rolling-update surge)" : ""));
        for (DatabaseResult database : result.databases()) {
            out.println();
            if (!result.singleDatabase()) {
                out.println("Database: " + database.name());
                out.println();
            }
            PlanTable.of(result, database).printText(out);
            out.println();
            out.println("Budget:   " + database.budget().describe());
            database.pooler().ifPresent(p -> out.println("PgBouncer: " + PlanVerdict.poolerLine(p)));
            out.println("Verdict:  " + PlanVerdict.headline(database));
            if (database.fitted()) {
                out.println("Fit:      " + PlanVerdict.fitLine(database));
            }
        }
        result.server().ifPresent(s -> out.println("Server:   " + s.url() + ", PostgreSQL " + s.serverVersion()
                + ", " + s.currentConnections() + " client connections now"));
        if (!result.singleDatabase()) {
            out.println();
            out.println("Fleet:    " + (result.fits() ? "FITS on every database" : "DOES NOT FIT on "
                    + String.join(", ", result.databases().stream().filter(d -> !d.fits()).map(DatabaseResult::name)
                    .toList()) + (result.databases().stream().allMatch(DatabaseResult::fits) ? " (drift)" : "")));
        }
        if (result.violations().size() > 1 || !result.singleDatabase() && !result.fits()
                || result.drift().stream().anyMatch(d -> d.status() == SessionDrift.Status.ABOVE_ALLOCATION)) {
            section(out, "Violations", result.violations());
        }
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
        out.println(title + ":");
        for (String line : lines) {
            out.println("  - " + line);
        }
    }
}
