package dev.dbpool.examples.checkout;

import dev.dbpool.junit.DbpoolTest;
import dev.dbpool.junit.Pool;
import dev.dbpool.junit.Soak;
import dev.dbpool.junit.SoakResults;
import dev.dbpool.junit.SoakRun;
import dev.dbpool.runtime.DbPool;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@DbpoolTest
class StallSoakTest {

    // tag::soak[]
    @Test
    void keepsGoodputThroughATwoSecondStall(
            @Pool(value = "checkout-service", env = {"DB_MAX_CONNECTIONS=10", "DB_MIN_CONNECTIONS=2"}) DbPool pool) {
        // 10 s at 150 requests/s on fresh pools with this pool's settings; the database stalls 4 s in, for 2 s
        SoakResults report = Soak.of("checkout-service")
                .rate(150)
                .duration(Duration.ofSeconds(10))
                .fault("slowdown@4s+2s")
                .build() // the default policy; a bad value fails here, naming it
                .run(pool); // a run the generator could not keep up with aborts the test: no verdict

        System.out.println(report); // one line per run: goodput, steady shed, timed out, time to recover

        SoakRun run = report.run("codel");
        assertThat(run.steadyShedRatio()).isLessThan(0.01); // sheds nothing while healthy
        assertThat(run.timedOut()).isZero(); // nobody waited out the acquire timeout
        assertThat(run.goodputRatio()).as(run::toString).isGreaterThan(0.7); // a 2 s stall of 10 s costs at most that
        assertThat(run.after().goodputRatio()).isGreaterThan(0.95); // and it is over when the stall is
        assertThat(run.timeToRecover()).hasValueSatisfying(ttr -> assertThat(ttr).isLessThan(Duration.ofSeconds(2)));
    }
    // end::soak[]
}
