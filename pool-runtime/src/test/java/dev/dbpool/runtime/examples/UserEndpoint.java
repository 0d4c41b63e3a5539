package dev.dbpool.runtime.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.dbpool.runtime.DbPool;
import dev.dbpool.runtime.PoolExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The example of docs/runtime.md, "Answering a shed": an HTTP endpoint (JDK HttpServer, so that the
 * example needs no framework) that fails fast with 503 when the pool is exhausted.
 * The tagged regions are copied into the document, and a test keeps the two the same.
 */
// tag::endpoint[]
public final class UserEndpoint implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UserEndpoint.class);

    private final DbPool pool; // built once per service; its policy is codel unless DB_POOL_BACKPRESSURE_POLICY says otherwise

    public UserEndpoint(DbPool pool) {
        this.pool = pool;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (Connection conn = pool.acquire();
             PreparedStatement query = conn.prepareStatement("SELECT name FROM users WHERE id = ?")) {
            query.setLong(1, Long.parseLong(exchange.getRequestURI().getQuery().replace("id=", "")));
            try (ResultSet rs = query.executeQuery()) {
                if (rs.next()) {
                    respond(exchange, 200, rs.getString(1));
                } else {
                    respond(exchange, 404, "not found");
                }
            }
        } catch (PoolExhaustedException e) {
            // Fail fast: a queue has stood in front of the pool. Queueing longer is what turns a slow
            // database into a 10 s timeout for every caller and a cascade through the fleet.
            // Log at debug: db_pool_exhausted_total counts every shed request, and the alert
            // PoolExhaustion fires on its share; a warn line per request would flood the logs.
            LOG.debug("shed: {}", e.getMessage());
            long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000); // Retry-After is whole seconds
            exchange.getResponseHeaders().set("Retry-After", Long.toString(seconds));
            respond(exchange, 503, "busy, retry shortly");
        } catch (SQLException e) {
            // A real failure (timeout after the acquire timeout, database down): log it with its state.
            LOG.warn("query failed: {} (SQLState {})", e.getMessage(), e.getSQLState());
            respond(exchange, 500, "database error");
        }
    }
    // end::endpoint[]

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
