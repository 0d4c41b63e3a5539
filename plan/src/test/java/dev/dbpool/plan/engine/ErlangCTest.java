package dev.dbpool.plan.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The queueing formulas against values known independently: closed forms for small pools, and the
 * published Erlang tables (B(10, 10) = 0.2146; C(11, 10) = 0.6821 and C(12, 10) = 0.4494, the call
 * centre example of 10 erlangs), also checked here against the factorial sums themselves.
 */
class ErlangCTest {

    @Test
    void erlangBMatchesClosedFormsAndTheTable() {
        assertThat(ErlangC.erlangB(1, 1.0)).isCloseTo(0.5, within(1e-12));          // a / (1 + a)
        assertThat(ErlangC.erlangB(2, 1.0)).isCloseTo(0.2, within(1e-12));          // (a²/2) / (1 + a + a²/2)
        assertThat(ErlangC.erlangB(10, 10.0)).isCloseTo(0.2146, within(5e-5));
        assertThat(ErlangC.erlangB(11, 11.25)).isCloseTo(factorialErlangB(11, 11.25), within(1e-12));
    }

    @Test
    void erlangCMatchesClosedFormsAndTheTable() {
        assertThat(ErlangC.erlangC(1, 0.6)).isCloseTo(0.6, within(1e-12));          // M/M/1: P(wait) = rho
        assertThat(ErlangC.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12));      // M/M/2: 2rho²/(1+rho)
        assertThat(ErlangC.erlangC(11, 10.0)).isCloseTo(0.6821, within(5e-5));
        assertThat(ErlangC.erlangC(12, 10.0)).isCloseTo(0.4494, within(5e-5));
        assertThat(ErlangC.erlangC(14, 11.25)).isCloseTo(factorialErlangC(14, 11.25), within(1e-12));
    }

    @Test
    void anOverloadedPoolAlwaysWaits() {
        assertThat(ErlangC.erlangC(10, 10.0)).isEqualTo(1.0);
        assertThat(ErlangC.probabilityOfWaitingLonger(10, 12.0, 1.0)).isEqualTo(1.0);
    }

    @Test
    void theWaitBeyondOneHoldIsErlangCTimesTheExponentialTail() {
        // M/M/1 at rho 0.5: P(W > t) = rho·e^(−(1−rho)·t/hold) = 0.5·e^(−0.5).
        assertThat(ErlangC.probabilityOfWaitingLonger(1, 0.5, 1.0)).isCloseTo(0.5 * Math.exp(-0.5), within(1e-12));
    }

    @Test
    void smallestPoolIsTheFirstSizeThatMeetsTheTarget() {
        // 11.25 erlangs: P(W > hold) = 2.19% at 14, 0.51% at 15.
        assertThat(ErlangC.probabilityOfWaitingLonger(14, 11.25, 1.0)).isCloseTo(0.02191, within(1e-5));
        assertThat(ErlangC.probabilityOfWaitingLonger(15, 11.25, 1.0)).isCloseTo(0.00513, within(1e-5));
        assertThat(ErlangC.smallestPool(11.25, 0.01)).isEqualTo(15);
        assertThat(ErlangC.smallestPool(11.25, 0.05)).isEqualTo(14);
        assertThat(ErlangC.smallestPool(0.01, 0.01)).isEqualTo(1);
    }

    private static double factorialErlangB(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k <= c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        return term / sum;
    }

    private static double factorialErlangC(int c, double a) {
        double sum = 0;
        double term = 1;
        for (int k = 0; k < c; k++) {
            if (k > 0) {
                term *= a / k;
            }
            sum += term;
        }
        double last = term * a / c * c / (c - a);
        return last / (sum + last);
    }
}
