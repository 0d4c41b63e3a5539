package dev.dbpool.spring.web;

import dev.dbpool.runtime.PoolExhaustedException;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.http.HttpStatus;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class PoolExhaustedProblemHandlerTest {

    static PoolExhaustedException shed() {
        return PoolExhaustedException.of("auth-service", 15, 16, 0.85);
    }

    @RestController
    static class Endpoints {
        @GetMapping("/direct")
        String direct() throws Exception {
            throw shed();
        }

        @GetMapping("/jdbc")
        String jdbc() {
            throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", shed());
        }

        @GetMapping("/tx")
        String tx() {
            throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                    new IllegalStateException("wrapped once more", shed()));
        }

        @GetMapping("/other")
        String other() {
            throw new IllegalStateException("not a shed");
        }
    }

    /** A service's own catch-all, which must not turn shedding into a 500. */
    @RestControllerAdvice
    static class CatchAll {
        @ExceptionHandler(Exception.class)
        @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
        String any(Exception e) {
            return "catch-all";
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Endpoints())
            .setControllerAdvice(new CatchAll(), new PoolExhaustedProblemHandler()).build();

    @Test
    void aShedRequestAnywhereInTheCauseChainIs503WithRetryAfterAndAProblem() throws Exception {
        for (String path : new String[] {"/direct", "/jdbc", "/tx"}) {
            mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(503))
                    .andExpect(jsonPath("$.title").value("Service Unavailable"))
                    .andExpect(jsonPath("$.retryAfterSeconds").value(1))
                    .andExpect(jsonPath("$.instance").value(path));
        }
    }

    @Test
    void otherErrorsAreLeftToTheService() throws Exception {
        mvc.perform(get("/other")).andExpect(status().isInternalServerError());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        assertThat(PoolExhaustedProblemHandler.retryAfterSeconds(Duration.ofMillis(100))).isEqualTo(1);
        assertThat(PoolExhaustedProblemHandler.retryAfterSeconds(Duration.ofMillis(1000))).isEqualTo(1);
        assertThat(PoolExhaustedProblemHandler.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
        assertThat(PoolExhaustedProblemHandler.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
    }

    @Test
    void findsTheShedInACauseChain() {
        PoolExhaustedException shed = shed();
        assertThat((Object) PoolExhaustedProblemHandler.find(new RuntimeException(new RuntimeException(shed)))).isSameAs(shed);
        assertThat((Object) PoolExhaustedProblemHandler.find(new RuntimeException("no"))).isNull();
    }
}
