package dev.dbpool.examples.checkout;

import dev.dbpool.junit.DbpoolTest;
import dev.dbpool.junit.Pool;
import dev.dbpool.runtime.DbPool;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DbpoolTest
class OrderConstraintsTest {

    @Test
    void theDatabaseRefusesAnOrderOfNothing(@Pool("checkout-service") DbPool pool) throws SQLException {
        OrderStore orders = new OrderStore(pool);
        orders.createSchema();

        assertThatThrownBy(() -> orders.place("ada", 0)).isInstanceOf(SQLException.class)
                .hasMessageContaining("orders_cents_check");
    }
}
