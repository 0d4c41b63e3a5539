package dev.dbpool.cli;

import org.junit.jupiter.api.Test;

import static dev.dbpool.cli.CliTesting.assertUsageError;

/** Bad input to the retry flags and the network faults: exit 2 naming the flag and the value, no stack trace. */
class SoakRetryAndNetworkBadInputTest {

    private static DbpoolCli.Result soak(String... args) {
        return CliTesting.run("soak", args);
    }

    @Test
    void negativeRetriesExitTwo() {
        assertUsageError(soak("--service", "auth-service", "--retries", "-1"),
                "--retries must be a non-negative integer, got '-1'");
    }

    @Test
    void aBackoffThatIsNoDurationExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--retries", "3", "--retry-backoff", "soon"),
                "--retry-backoff must be a duration such as 500ms, 30s or 2m, got 'soon'");
    }

    @Test
    void aBudgetAboveOneExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--retries", "3", "--retry-budget", "2"),
                "--retry-budget must be a number from 0.0 to 1.0 or none, got '2'");
    }

    @Test
    void anUnknownRetryOutcomeExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--retry-on", "rejected,succeeded"),
                "--retry-on must be a comma list of rejected, timed_out, errors, got 'succeeded' in 'rejected,succeeded'");
    }

    @Test
    void aBlackholeWithoutALengthExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--fault", "blackhole@x"),
                "--fault must be KIND[:FACTOR]@START+LENGTH");
        assertUsageError(soak("--service", "auth-service", "--fault", "blackhole@x"), "got 'blackhole@x'");
    }

    @Test
    void aLatencyThatIsNoDurationExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--fault", "latency:abc@1s+1s"),
                "--fault latency delay in 'latency:abc@1s+1s' must be a duration such as 500ms, 30s or 2m, got 'abc'");
    }

    @Test
    void aLatencyWithoutADelayExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--fault", "latency@5s+1s"),
                "--fault latency needs a delay");
    }

    @Test
    void aResetWithALengthExitsTwo() {
        assertUsageError(soak("--service", "auth-service", "--fault", "reset@5s+2s"),
                "--fault reset is instantaneous: its length must be 0s (reset@START+0s), got 'reset@5s+2s'");
    }
}
