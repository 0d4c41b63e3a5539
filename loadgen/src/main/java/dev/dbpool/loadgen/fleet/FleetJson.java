package dev.dbpool.loadgen.fleet;

import dev.dbpool.loadgen.model.Fault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * {@code report.json} of a fleet soak: the scenario and {@code fleet} {server, pooler, services[], totals,
 * timeline} (DESIGN §4, "Fleet soak"). The one place that names its keys.
 */
public final class FleetJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FleetJson() {
    }

    public static String write(FleetResult result) {
        try {
            return MAPPER.writeValueAsString(tree(result)) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report.json", e);
        }
    }

    public static ObjectNode tree(FleetResult r) {
        FleetScenario s = r.scenario();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "fleet");
        root.put("source", s.source());
        root.put("database", r.database());
        root.put("started_at", r.startedAt().toString());
        ObjectNode scenario = root.putObject("scenario");
        scenario.put("duration_s", s.duration().toMillis() / 1000.0);
        scenario.put("warmup_s", s.warmup().toMillis() / 1000.0);
        scenario.put("rate_per_s", round(s.ratePerSecond()));
        ArrayNode faults = scenario.putArray("faults");
        for (Fault f : s.faults()) {
            faults.add(f.toString());
        }
        scenario.put("deadline_ms", s.deadline().toMillis());
        scenario.put("acquire_timeout_ms", s.acquireTimeout().toMillis());
        scenario.put("seed", s.seed());
        scenario.put("fit", s.fitted());
        scenario.put("pgbouncer", s.pooler().isPresent());
        scenario.put("threads_per_replica", s.threadsPerReplica() == 0 ? null : s.threadsPerReplica());
        scenario.put("min_connections", FleetScenario.MAX_MIN_CONNECTIONS);

        ObjectNode fleet = root.putObject("fleet");
        fleet.put("source", s.source());
        fleet.put("fitted", s.fitted());
        fleet.put("replicas", s.replicas());
        fleet.put("allocated", s.allocated());
        ObjectNode plan = fleet.putObject("plan");
        plan.put("max_connections", s.maxConnections());
        plan.put("reserved_connections", s.reservedConnections());
        plan.put("available", s.available());
        ObjectNode server = fleet.putObject("server");
        server.put("max_connections", r.serverMaxConnections());
        server.put("superuser_reserved_connections", r.superuserReserved());
        server.put("application_limit", r.applicationLimit());
        server.put("sessions_max", r.sessionsMax());
        server.put("fleet_sessions_max", r.fleetSessionsMax());
        server.put("refused", r.refused());
        if (r.pooler().isEmpty()) {
            fleet.putNull("pooler");
        } else {
            FleetResult.PoolerOutcome p = r.pooler().get();
            PoolerSettings ps = p.settings();
            ObjectNode pooler = fleet.putObject("pooler");
            pooler.put("kind", "pgbouncer");
            pooler.put("version", p.version());
            pooler.put("source", ps.source());
            pooler.put("pool_mode", ps.poolMode());
            pooler.put("max_client_conn", ps.maxClientConn());
            pooler.put("default_pool_size", ps.defaultPoolSize());
            pooler.put("reserve_pool_size", ps.reservePoolSize());
            pooler.put("max_db_connections", ps.maxDbConnections());
            pooler.put("max_user_connections", ps.maxUserConnections());
            pooler.put("client_connections", ps.plannedClientConnections());
            pooler.put("server_connections", ps.plannedServerConnections());
            pooler.put("fits", ps.fits());
            pooler.put("server_refused", p.serverRefused());
        }
        ArrayNode services = fleet.putArray("services");
        for (ServiceResult sr : r.services()) {
            FleetService fs = sr.service();
            ObjectNode o = services.addObject();
            o.put("name", fs.name());
            o.put("replicas", fs.replicas());
            o.put("max_connections", fs.maxConnections());
            o.put("planned_max_connections", fs.plannedMax());
            o.put("min_connections", Math.min(fs.minConnections(), FleetScenario.MAX_MIN_CONNECTIONS));
            o.put("rate_per_s", round(fs.ratePerSecond()));
            o.put("rate_source", fs.rateSource());
            o.put("hold_ms", fs.hold().toNanos() / 1e6);
            o.put("connections_max", sr.connectionsMax());
            o.put("offered", sr.offered());
            o.put("goodput", sr.goodput());
            putRatio(o, "goodput_ratio", sr.goodputRatio());
            o.put("late", sr.late());
            o.put("timed_out", sr.timedOut());
            o.put("errors", sr.errors());
            putCounts(o.putObject("errors_by_sqlstate"), sr.errorsBySqlState());
            o.put("unfinished", sr.unfinished());
            o.put("refused", sr.refused());
            putCounts(o.putObject("refused_by_sqlstate"), sr.refusedBySqlState());
        }
        ObjectNode totals = fleet.putObject("totals");
        totals.put("offered", r.offered());
        totals.put("goodput", r.goodput());
        putRatio(totals, "goodput_ratio", r.goodputRatio());
        totals.put("errors", r.errors());
        fleet.put("valid", r.valid());
        fleet.put("generator_problem", r.generatorProblem());
        fleet.put("fault_error", r.faultError());

        ObjectNode timeline = fleet.putObject("timeline");
        timeline.put("sample_interval_ms", SessionSampler.INTERVAL_MILLIS);
        ArrayNode sessions = timeline.putArray("sessions");
        for (SessionSample sample : r.samples()) {
            ObjectNode o = sessions.addObject();
            o.put("t_ms", sample.millis());
            o.put("sessions", sample.sessions());
            o.put("fleet_sessions", sample.fleetSessions());
            o.put("pool_connections", sample.poolConnections());
        }
        ObjectNode goodput = timeline.putObject("goodput_per_second");
        ObjectNode offered = timeline.putObject("offered_per_second");
        for (ServiceResult sr : r.services()) {
            ArrayNode g = goodput.putArray(sr.name());
            sr.goodputPerSecond().forEach(g::add);
            ArrayNode of = offered.putArray(sr.name());
            sr.offeredPerSecond().forEach(of::add);
        }
        return root;
    }

    private static void putCounts(ObjectNode node, Map<String, Long> counts) {
        counts.forEach(node::put);
    }

    private static void putRatio(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, Math.round(value * 10000) / 10000.0);
        } else {
            node.putNull(key);
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
