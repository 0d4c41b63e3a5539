package dev.dbpool.cli.plan;

import dev.dbpool.cli.common.TextTable;
import dev.dbpool.cli.common.TextTable.Align;
import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.ServiceAllocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-service table of one database, shared by the text and Markdown reports: service, replicas,
 * max, min, allocated, share of the budget, then the surge (worst case, when any), the fitted max (with
 * {@code --fit}), the sessions on the server now (with {@code --database-url}) and the advice (when any
 * service has traffic figures).
 */
final class PlanTable {

    private PlanTable() {
    }

    static TextTable of(PlanResult result, DatabaseResult database) {
        boolean fitted = database.fitted();
        boolean live = result.server().isPresent();
        boolean advice = database.services().stream().anyMatch(s -> !s.advice().isEmpty());
        boolean surge = result.worstCase() && database.services().stream().anyMatch(s -> s.surge() > 0);

        TextTable table = new TextTable()
                .column("SERVICE", Align.LEFT)
                .column(result.worstCase() ? "MAX_REPLICAS" : "REPLICAS", Align.RIGHT);
        if (surge) {
            table.column("SURGE", Align.RIGHT);
        }
        table.column("MAX", Align.RIGHT)
                .column("MIN", Align.RIGHT)
                .column("ALLOCATED", Align.RIGHT)
                .column("SHARE", Align.RIGHT);
        if (fitted) {
            table.column("FIT MAX", Align.RIGHT).column("FIT ALLOC", Align.RIGHT);
        }
        if (live) {
            table.column("NOW", Align.RIGHT);
        }
        if (advice) {
            table.column("ADVICE", Align.LEFT);
        }

        for (ServiceAllocation s : database.services()) {
            List<String> cells = new ArrayList<>(List.of(s.name(), String.valueOf(s.replicas() - s.surge())));
            if (surge) {
                cells.add(s.surge() > 0 ? "+" + s.surge() : "0");
            }
            cells.addAll(List.of(String.valueOf(s.maxConnections()), String.valueOf(s.minConnections()),
                    String.valueOf(s.allocated()), percent(s.share())));
            if (fitted) {
                cells.add(String.valueOf(s.fittedMaxConnections().getAsInt()));
                cells.add(String.valueOf(s.fittedAllocated().getAsLong()));
            }
            if (live) {
                cells.add(String.valueOf(s.currentConnections().getAsInt()));
            }
            if (advice) {
                cells.add(s.advice());
            }
            table.row(cells.toArray(String[]::new));
        }

        int replicas = database.services().stream().mapToInt(s -> s.replicas() - s.surge()).sum();
        double share = database.budget().available() > 0
                ? (double) database.totalAllocated() / database.budget().available() : Double.NaN;
        List<String> total = new ArrayList<>(List.of("TOTAL", String.valueOf(replicas)));
        if (surge) {
            total.add("+" + database.services().stream().mapToInt(ServiceAllocation::surge).sum());
        }
        total.addAll(List.of("", "", String.valueOf(database.totalAllocated()), percent(share)));
        if (fitted) {
            total.add("");
            total.add(String.valueOf(database.fittedTotalAllocated().getAsLong()));
        }
        if (live) {
            total.add(String.valueOf(database.services().stream()
                    .mapToInt(s -> s.currentConnections().getAsInt()).sum()));
        }
        if (advice) {
            total.add("");
        }
        table.row(total.toArray(String[]::new));
        return table;
    }

    static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.1f%%", share * 100) : "-";
    }
}
