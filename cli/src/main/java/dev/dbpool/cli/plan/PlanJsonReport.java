package dev.dbpool.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dbpool.plan.PlanResult;
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
        root.put("max_connections", result.budget().maxConnections());
        root.put("reserved_connections", result.budget().reservedConnections());
        root.put("available", result.budget().available());
        root.put("total_allocated", result.totalAllocated());
        root.put("headroom", result.headroom());
        root.put("fits", result.fits());
        strings(root.putArray("violations"), result.violations());
        strings(root.putArray("advice"), result.advice());
        strings(root.putArray("notes"), result.notes());
        root.put("max_connections_from", result.budget().maxConnectionsFrom());
        root.put("reserved_connections_from", result.budget().reservedFrom());
        root.put("minimum_allocated", result.minimumAllocated());
        root.put("backpressure_threshold", result.threshold());
        if (result.fitted()) {
            ObjectNode fit = root.putObject("fit");
            long fitted = result.fittedTotalAllocated().getAsLong();
            fit.put("total_allocated", fitted);
            fit.put("headroom", result.budget().available() - fitted);
            fit.put("fits", result.fitSucceeded());
        }
        result.server().ifPresent(server -> server(root.putObject("server"), server));

        ArrayNode services = root.putArray("services");
        for (ServiceAllocation row : result.services()) {
            services.add(service(row));
        }
        return root;
    }

    private static ObjectNode service(ServiceAllocation row) {
        ServicePlan plan = row.service();
        ObjectNode node = JSON.createObjectNode();
        node.put("name", row.name());
        node.put("preset", plan.preset());
        node.put("max_connections", row.maxConnections());
        node.put("min_connections", row.minConnections());
        node.put("replicas", plan.replicas());
        node.put("max_replicas", plan.maxReplicas());
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
