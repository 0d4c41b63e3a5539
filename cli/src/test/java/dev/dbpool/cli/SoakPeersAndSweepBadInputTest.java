package dev.dbpool.cli;

import org.junit.jupiter.api.Test;

import static dev.dbpool.cli.CliTesting.assertUsageError;

/**
 * Bad input to the peer modes, their settings and the rate sweep: exit 2 naming the flag and the value,
 * before any load runs. The database URL points at a closed port, so that a check left until after the
 * soak started would show as exit 3 instead.
 */
class SoakPeersAndSweepBadInputTest {

    private static final String NOWHERE = "postgres://postgres@127.0.0.1:1/none";

    private static DbpoolCli.Result soak(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "--service";
        all[1] = "auth-service";
        all[2] = "--database-url";
        all[3] = NOWHERE;
        System.arraycopy(args, 0, all, 4, args.length);
        return CliTesting.run("soak", all);
    }

    @Test
    void aPeerNextToAnUnknownModeExitsTwoNamingIt() {
        assertUsageError(soak("--mode", "vegas,nonsense"), "--mode must be a comma list of wait, codel, threshold (alias "
                + "backpressure), vegas, gradient2, bulkhead (or both = wait,threshold), got 'nonsense' "
                + "in 'vegas,nonsense'");
    }

    @Test
    void aRangeThatEndsBelowItsStartExitsTwo() {
        assertUsageError(soak("--rate", "500..100/50"), "--rate '500..100/50' is an empty range");
    }

    @Test
    void aZeroRateExitsTwo() {
        assertUsageError(soak("--rate", "0"), "--rate must be a positive number of arrivals per second, a list "
                + "(500,1000,2000) or a range (500..4000/500), got '0'");
        assertUsageError(soak("--rate", "500,0"), "got '0' in '500,0'");
        assertUsageError(soak("--rate", "500..1000/0"), "got '0' in '500..1000/0'");
    }

    @Test
    void aRangeOfMoreThanFiftyPointsExitsTwo() {
        assertUsageError(soak("--rate", "100..5200/100"), "--rate '100..5200/100' gives 52 rates; at most 50");
    }

    @Test
    void aRateGivenTwiceExitsTwo() {
        assertUsageError(soak("--rate", "500,1000,500"), "--rate '500,1000,500' gives a rate twice");
    }

    @Test
    void aRateThatMakesTooManyArrivalsExitsTwoBeforeTheLowerRatesRun() {
        assertUsageError(soak("--rate", "100,1000000", "--duration", "60s"), "--rate 1000000 for duration 1m asks for");
    }

    @Test
    void aPeerSettingOutOfRangeExitsTwoNamingTheFlagAndTheValue() {
        assertUsageError(soak("--mode", "vegas", "--peer", "vegas.initialLimit=0"),
                "--peer vegas.initialLimit=0: initialLimit must be a positive integer, got '0'");
        assertUsageError(soak("--peer", "bulkhead.maxConcurrentCalls=-3"),
                "--peer bulkhead.maxConcurrentCalls=-3: maxConcurrentCalls must be a positive integer, got '-3'");
        assertUsageError(soak("--peer", "gradient2.minLimit=500"),
                "--peer gradient2: minLimit (500) <= initialLimit (20) <= maxConcurrency (200) must hold");
    }

    @Test
    void anUnknownPeerOrSettingExitsTwoNamingWhatThereIs() {
        assertUsageError(soak("--peer", "hystrix.coreSize=10"), "--peer hystrix.coreSize=10: no peer named 'hystrix'");
        assertUsageError(soak("--peer", "bulkhead.queueCapacity=10"),
                "--peer bulkhead.queueCapacity=10: bulkhead takes maxConcurrentCalls, maxWaitDuration, got 'queueCapacity'");
    }

    @Test
    void aCapacityProbeThatIsNoDurationExitsTwo() {
        assertUsageError(soak("--capacity-probe", "long"),
                "--capacity-probe must be a duration such as 500ms, 30s or 2m, got 'long'");
    }
}
