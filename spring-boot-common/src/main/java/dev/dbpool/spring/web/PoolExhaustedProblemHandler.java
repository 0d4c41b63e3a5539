package dev.dbpool.spring.web;

import dev.dbpool.runtime.PoolExhaustedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/**
 * A {@link PoolExhaustedException} anywhere in a request's cause chain (Spring wraps it in
 * {@code CannotGetJdbcConnectionException}, {@code CannotCreateTransactionException}, JPA in its own
 * exceptions) becomes {@code 503 Service Unavailable} with {@code Retry-After} (whole seconds,
 * rounded up from {@link PoolExhaustedException#retryAfter()}) and an RFC 9457
 * {@code application/problem+json} body. Spring MVC matches an {@code @ExceptionHandler} against the
 * causes of an exception too, at any depth; this advice is ordered first, so that a service's
 * catch-all handler does not turn shedding into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PoolExhaustedProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PoolExhaustedProblemHandler.class);

    @ExceptionHandler(PoolExhaustedException.class)
    public ResponseEntity<ProblemDetail> poolExhausted(Exception exception) {
        PoolExhaustedException shed = find(exception);
        long seconds = retryAfterSeconds(shed == null ? Duration.ofSeconds(1) : shed.retryAfter());
        // Debug, not warn: db_pool_exhausted_total counts every shed request, and an overload would
        // otherwise flood the log at the moment it matters.
        LOG.debug("Shed: {}", shed == null ? exception.toString() : shed.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service is shedding load: its database connection pool is exhausted. Retry after "
                        + seconds + " s.");
        problem.setTitle("Service Unavailable");
        problem.setProperty("retryAfterSeconds", seconds);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Whole seconds, rounded up, at least 1 (HTTP's Retry-After has no fractions; 0 invites a retry storm). */
    public static long retryAfterSeconds(Duration retryAfter) {
        long millis = Math.max(0, retryAfter.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }

    /** The first {@link PoolExhaustedException} in {@code throwable}'s cause chain, or null. */
    public static PoolExhaustedException find(Throwable throwable) {
        Throwable t = throwable;
        for (int depth = 0; t != null && depth < 32; depth++) {
            if (t instanceof PoolExhaustedException shed) {
                return shed;
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return null;
    }
}
