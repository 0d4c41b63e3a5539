package dev.dbpool.examples.checkout;

import dev.dbpool.junit.DbpoolTest;
import dev.dbpool.junit.Pool;
import dev.dbpool.runtime.DbPool;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

// tag::pool[]
@DbpoolTest // a real PostgreSQL: DBPOOL_TEST_DATABASE_URL, else Testcontainers, else embedded PostgreSQL 17
class OrderStoreTest {

    @Test
    void placesOrdersAndAddsThemUp(
            @Pool(value = "checkout-service", env = {"DB_MAX_CONNECTIONS=10", "DB_MIN_CONNECTIONS=2"}) DbPool pool)
            throws SQLException {
        // checkout-service's pool as its deployment configures it, on the test database; closed after the test
        OrderStore orders = new OrderStore(pool);
        orders.createSchema();

        orders.place("ada", 1250);
        orders.place("ada", 750);

        assertThat(orders.totalFor("ada")).contains(2000L);
        assertThat(orders.totalFor("grace")).isEmpty();
        assertThat(pool.activeConnections()).isZero(); // every connection went back
    }
}
// end::pool[]
