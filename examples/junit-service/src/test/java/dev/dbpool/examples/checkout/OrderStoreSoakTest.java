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
class OrderStoreSoakTest {

    // tag::own-code[]
    @Test
    void placesOrdersThroughALockOnItsOwnTable(
            @Pool(value = "checkout-service", env = {"DB_MAX_CONNECTIONS=10", "DB_MIN_CONNECTIONS=2"}) DbPool pool)
    {
        SoakResults report = Soak.of("checkout-service")
                .using(dataSource -> new OrderStore(dataSource)) // the service's own code, on each run's pool
                .init(store -> store.createSchema()) // its table, in the soak's own schema (dropped afterwards)
                .request(store -> store.place("ada", 1250)) // what one request does
                .rate(150)
                .duration(Duration.ofSeconds(10))
                .fault("lock:orders@4s+3s") // a migration holds ACCESS EXCLUSIVE on the orders table for 3 s
                .modes("wait", "codel")
                .build()
                .run(pool); // a run the generator could not keep up with aborts the test: no verdict

        SoakRun waiting = report.run("wait");
        SoakRun codel = report.run("codel");
        assertThat(waiting.during().goodputRatio()).as(report::toString).isLessThan(0.5); // the lock stalls every order
        assertThat(codel.steadyShedRatio()).isLessThan(0.01); // sheds nothing while healthy
        assertThat(codel.late()).as(report::toString).isLessThan(waiting.late()); // answers in time or says no at once
        assertThat(codel.after().goodputRatio()).isGreaterThan(0.9); // and it is over when the lock is
    }
    // end::own-code[]
}
