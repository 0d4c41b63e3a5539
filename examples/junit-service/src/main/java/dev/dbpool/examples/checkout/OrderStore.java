package dev.dbpool.examples.checkout;

import dev.dbpool.runtime.DbPool;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** checkout-service's orders table, on the service's pool (admission on every acquisition). */
public final class OrderStore {

    private final DataSource dataSource;

    public OrderStore(DbPool pool) {
        this(pool.dataSource());
    }

    /** On any pool's {@code DataSource}: a soak builds the store on the pool under test this way. */
    public OrderStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id bigserial PRIMARY KEY, customer text NOT NULL, "
                    + "cents bigint NOT NULL CHECK (cents > 0))");
        }
    }

    /** Stores an order and returns its id. */
    public long place(String customer, long cents) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders (customer, cents) VALUES (?, ?) RETURNING id")) {
            ps.setString(1, customer);
            ps.setLong(2, cents);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The total of a customer's orders, in cents; empty when they have none. */
    public Optional<Long> totalFor(String customer) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT sum(cents) FROM orders WHERE customer = ?")) {
            ps.setString(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long total = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(total);
            }
        }
    }
}
