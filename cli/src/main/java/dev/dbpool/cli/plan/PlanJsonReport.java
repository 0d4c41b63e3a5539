package dev.dbpool.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbpool.plan.DatabaseResult;
import dev.dbpool.plan.PlanResult;
import dev.dbpool.plan.PoolerResult;
import dev.dbpool.plan.SessionDrift;
import dev.dbpool.plan.ServerLimits;
import dev.dbpool.plan.ServiceAllocation;
import dev.dbpool.plan.ServicePlan;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --format json}: the keys of DESIGN §3 ({@code max_connections}, {@code reserved_connections},
 * {@code available}, {@code total_allocated}, {@code headroom}, {@code fits}, {@code violations},
 * {@code services[]} with {@code name}, {@code max_connections}, {@code min_connections},
 * {@code replicas}, {@code allocated}, {@code fitted_max_connections} with {@code --fit},
 * {@code recommended_max_connections} with traffic figures), plus what a script may want next.
 * Beyond those: {@code databases[]} (every form), the top-level {@code pooler} (single-database form), per
 * service {@code database}, {@code source}, {@code surge}, {@code counted_replicas},
 * {@code littles_law_connections}, {@code predicted_shed_ratio}; {@code drift[]} with {@code --database-url}.
 * With {@code databases:} the budget keys exist per database only (a headroom on one server does not
 * help another).
 */
final class PlanJsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJsonReport() {
    }

    static void print(PlanResult result, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(toJson(result)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode toJson(PlanResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", result.source());
        root.put("worst_case", result.worstCase());
        if (result.singleDatabase()) {
            DatabaseResult database = result.database();
            budget(root, database);
            root.put("fits", result.fits());
            pooler(root, database);
        } else {
            root.put("fits", result.fits());
        }
        strings(root.putArray("violations"), result.violations());
        strings(root.putArray("undersized"), result.undersized().stream().map(s -> s.name()).toList());
        strings(root.putArray("advice"), result.advice());
        strings(root.putArray("notes"), result.notes());
        if (result.singleDatabase()) {
            DatabaseResult database = result.database();
            root.put("max_connections_from", database.budget().maxConnectionsFrom());
            root.put("reserved_connections_from", database.budget().reservedFrom());
            root.put("minimum_allocated", database.minimumAllocated());
            fit(root, database);
        }
        root.put("backpressure_threshold", result.threshold());
        ArrayNode databases = root.putArray("databases");
        for (DatabaseResult database : result.databases()) {
            ObjectNode node = databases.addObject();
            node.put("name", database.name());
            budget(node, database);
            node.put("fits", database.fits());
            pooler(node, database);
            strings(node.putArray("violations"), database.violations());
            fit(node, database);
        }
        result.server().ifPresent(server -> server(root.putObject("server"), server));
        if (result.server().isPresent()) {
            ArrayNode drift = root.putArray("drift");
            for (SessionDrift d : result.drift()) {
                ObjectNode node = drift.addObject();
                node.put("application_name", d.applicationName());
                node.put("sessions", d.sessions());
                if (d.allocated().isPresent()) {
                    node.put("allocated", d.allocated().getAsLong());
                } else {
                    node.putNull("allocated");
                }
                node.put("status", d.status().name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        ArrayNode services = root.putArray("services");
        for (ServiceAllocation row : result.services()) {
            services.add(service(row));
        }
        return root;
    }

    private static void budget(ObjectNode node, DatabaseResult database) {
        node.put("max_connections", database.budget().maxConnections());
        node.put("reserved_connections", database.budget().reservedConnections());
        node.put("available", database.budget().available());
        node.put("total_allocated", database.totalAllocated());
        node.put("headroom", database.headroom());
    }

    private static void pooler(ObjectNode node, DatabaseResult database) {
        if (database.pooler().isEmpty()) {
            node.putNull("pooler");
            return;
        }
        PoolerResult p = database.pooler().get();
        ObjectNode pooler = node.putObject("pooler");
        pooler.put("client_connections", p.clientConnections());
        pooler.put("max_client_conn", p.maxClientConn());
        pooler.put("server_connections", p.serverConnections());
        pooler.put("fits", p.fits());
        pooler.put("client_side_fits", p.clientSideFits());
        pooler.put("server_side_fits", p.serverSideFits());
        pooler.put("users", p.users().size());
        pooler.put("server_connections_per_user", p.perUser());
        pooler.put("max_db_connections", p.maxDbConnections());
        pooler.put("pool_mode", p.config().poolModeFor(database.name()));
        pooler.put("source", p.config().source());
        pooler.put("fits_directly", database.fitsDirectly());
    }

    private static void fit(ObjectNode node, DatabaseResult database) {
        if (database.fitted()) {
            ObjectNode fit = node.putObject("fit");
            long fitted = database.fittedTotalAllocated().getAsLong();
            fit.put("total_allocated", fitted);
            fit.put("headroom", database.budget().available() - fitted);
            fit.put("fits", database.fitSucceeded());
        }
    }

    private static ObjectNode service(ServiceAllocation row) {
        ServicePlan plan = row.service();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", row.name());
        node.put("database", row.database());
        node.put("preset", plan.preset());
        node.put("max_connections", row.maxConnections());
        node.put("min_connections", row.minConnections());
        node.put("replicas", plan.replicas());
        node.put("max_replicas", plan.maxReplicas());
        node.put("surge", row.surge());
        node.put("max_surge", plan.surge().toString());
        node.put("counted_replicas", row.replicas());
        node.put("allocated", row.allocated());
        if (Double.isFinite(row.share())) {
            node.put("share", row.share());
        } else {
            node.putNull("share");
        }
        row.fittedMaxConnections().ifPresent(v -> node.put("fitted_max_connections", v));
        row.fittedAllocated().ifPresent(v -> node.put("fitted_allocated", v));
        plan.traffic().ifPresent(t -> {
            node.put("peak_qps", t.peakQps());
            node.put("hold_ms", t.holdMs());
        });
        plan.backpressureThreshold().ifPresent(v -> node.put("backpressure_threshold", v));
        row.recommendedMaxConnections().ifPresent(v -> node.put("recommended_max_connections", v));
        row.littlesLawConnections().ifPresent(v -> node.put("littles_law_connections", v));
        row.predictedShedRatio().ifPresent(v -> node.put("predicted_shed_ratio", v));
        plan.user().ifPresent(v -> node.put("user", v));
        plan.workload().ifPresent(v -> node.put("workload", v));
        if (plan.source().isPresent()) {
            ObjectNode source = node.putObject("source");
            source.put("file", plan.source().get().file());
            source.put("line", plan.source().get().line());
        } else {
            node.putNull("source");
        }
        if (!row.advice().isEmpty()) {
            node.put("advice", row.advice());
        }
        row.currentConnections().ifPresent(v -> node.put("current_connections", v));
        return node;
    }

    private static void server(ObjectNode node, ServerLimits server) {
        node.put("url", server.url());
        node.put("version", server.serverVersion());
        node.put("max_connections", server.maxConnections());
        node.put("superuser_reserved_connections", server.superuserReservedConnections());
        node.put("reserved_connections", server.reservedConnections());
        node.put("current_connections", server.currentConnections());
        ObjectNode byApp = node.putObject("connections_by_application");
        Map<String, Integer> sorted = new TreeMap<>(server.connectionsByApplication());
        sorted.forEach(byApp::put);
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
