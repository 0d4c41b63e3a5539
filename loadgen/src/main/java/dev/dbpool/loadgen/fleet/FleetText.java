package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.DurationText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The fleet soak's summary for people: the setup, a row per service, the server's sessions and the verdict. */
public final class FleetText {

    private FleetText() {
    }

    public static String write(FleetResult r) {
        FleetScenario s = r.scenario();
        StringBuilder out = new StringBuilder();
        out.append("fleet soak: ").append(s.source()).append(" (").append(s.services().size())
                .append(" services, ").append(s.replicas()).append(" replicas").append(s.fitted() ? ", fitted" : "")
                .append(") on ").append(r.database()).append('\n');
        out.append("server:   max_connections ").append(r.serverMaxConnections())
                .append(", superuser_reserved_connections ").append(r.superuserReserved())
                .append(": roles without superuser rights are refused above ").append(r.applicationLimit()).append('\n');
        out.append("plan:     ").append(s.allocated()).append(" connections allocated (pool max x replicas")
                .append(s.fitted() ? ", fitted" : "").append("), ").append(s.available())
                .append(" available (max_connections ").append(s.maxConnections()).append(" - reserved ")
                .append(s.reservedConnections()).append(")\n");
        out.append("pools:    ").append(r.pooler().map(p -> "through " + p.version() + " on loopback, pool_mode "
                + p.settings().poolMode() + ", default_pool_size " + p.settings().defaultPoolSize()
                + ", reserve_pool_size " + p.settings().reservePoolSize() + ", max_db_connections "
                + p.settings().maxDbConnections() + ", max_client_conn " + p.settings().maxClientConn()
                + " (" + p.settings().source() + "): server side at most " + p.settings().plannedServerConnections())
                .orElse("directly to PostgreSQL")).append("; min ").append(FleetScenario.MAX_MIN_CONNECTIONS)
                .append(" each, acquire timeout ").append(DurationText.format(s.acquireTimeout())).append('\n');
        out.append("load:     ").append(String.format(Locale.ROOT, "%,.0f", s.ratePerSecond())).append("/s in all for ")
                .append(DurationText.format(s.duration())).append(" after a ").append(DurationText.format(s.warmup()))
                .append(" warm-up, seed ").append(s.seed()).append("; faults ")
                .append(s.faults().isEmpty() ? "none" : s.faults().stream().map(Object::toString).collect(Collectors.joining(", ")))
                .append("; deadline ").append(DurationText.format(s.deadline())).append("\n\n");

        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"SERVICE", "REPLICAS", "MAX", "REACHED", "RATE/S", "OFFERED", "GOODPUT", "RATIO", "LATE",
                "TIMED OUT", "ERRORS", "REFUSED", "ERRORS BY SQLSTATE"});
        for (ServiceResult sr : r.services()) {
            FleetService fs = sr.service();
            rows.add(new String[] {fs.name(), n(fs.replicas()),
                    fs.maxConnections() == fs.plannedMax() ? n(fs.maxConnections()) : fs.maxConnections() + " (" + fs.plannedMax() + ")",
                    n(sr.connectionsMax()), String.format(Locale.ROOT, "%,.0f", fs.ratePerSecond()), n(sr.offered()),
                    n(sr.goodput()), ratio(sr.goodputRatio()), n(sr.late()), n(sr.timedOut()), n(sr.errors()),
                    n(sr.refused()), states(sr.errorsBySqlState())});
        }
        rows.add(new String[] {"TOTAL", n(s.replicas()), n(s.allocated()),
                n(r.services().stream().mapToInt(ServiceResult::connectionsMax).sum()),
                String.format(Locale.ROOT, "%,.0f", s.ratePerSecond()), n(r.offered()), n(r.goodput()),
                ratio(r.goodputRatio()), n(r.services().stream().mapToLong(ServiceResult::late).sum()),
                n(r.services().stream().mapToLong(ServiceResult::timedOut).sum()), n(r.errors()),
                n(r.services().stream().mapToLong(ServiceResult::refused).sum()), ""});
        out.append(table(rows)).append('\n');
        out.append("MAX is each replica's pool maximum (the file's in brackets when fitted); REACHED the most connections "
                + "the service's pools held at once, all replicas; REFUSED connection attempts of its pools that failed.\n\n");

        out.append("sessions: the server's client sessions peaked at ").append(r.sessionsMax()).append(" of max_connections ")
                .append(r.serverMaxConnections()).append(" (the fleet's ").append(r.fleetSessionsMax())
                .append(", sampled every ").append(SessionSampler.INTERVAL_MILLIS).append(" ms)\n");
        out.append("verdict:  ").append(verdict(r)).append('\n');
        if (!r.valid()) {
            out.append("INVALID: the load generator fell behind its schedule: ").append(r.generatorProblem()).append('\n');
        }
        if (r.faultError() != null) {
            out.append("fault error: ").append(r.faultError()).append('\n');
        }
        return out.toString();
    }

    /** One line: refused or not, and who paid. */
    public static String verdict(FleetResult r) {
        long refused = r.refused();
        String goodput = String.format(Locale.ROOT, "fleet goodput %,d of %,d offered (%.1f%%)", r.goodput(), r.offered(),
                100 * r.goodputRatio());
        if (refused == 0) {
            return "NONE REFUSED: sessions stayed at or under " + r.sessionsMax() + " of " + r.serverMaxConnections()
                    + "; " + goodput;
        }
        List<ServiceResult> hit = r.refusedServices();
        String who = hit.isEmpty() ? "no pool of the fleet was refused itself"
                : "pools refused: " + hit.stream()
                .map(x -> x.name() + " (" + n(x.refused()) + " attempts, " + n(x.tooManyConnections())
                        + " requests failed 53300, goodput " + ratio(x.goodputRatio()) + ")")
                .collect(Collectors.joining(", "));
        return "REFUSED: the server refused " + n(refused) + " connections (53300 too_many_connections)"
                + r.pooler().map(p -> " to PgBouncer").orElse("") + "; " + who + "; " + goodput;
    }

    private static String states(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + ":" + n(e.getValue())).collect(Collectors.joining(" "));
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    private static String ratio(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] row : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder t = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                boolean left = i == 0 || i == cols - 1;
                String cell = left ? String.format("%-" + width[i] + "s", row[i]) : String.format("%" + width[i] + "s", row[i]);
                line.append(cell).append(i < cols - 1 ? "  " : "");
            }
            t.append(line.toString().stripTrailing()).append('\n');
        }
        return t.toString();
    }
}
