package dev.dbpool.embedded;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresServerTest {

    @Test
    void startsPostgres17AndSurvivesAStopAndStart() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start()) {
            assertThat(serverVersion(server)).startsWith("17.");
            execute(server, "CREATE TABLE kept (id int)");

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> serverVersion(server)).isInstanceOf(SQLException.class);

            server.startAgain();
            execute(server, "INSERT INTO kept VALUES (1)");
            assertThat(serverVersion(server)).startsWith("17.");
        }
    }

    private static String serverVersion(EmbeddedPostgresServer server) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(EmbeddedPostgresServer server, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"));
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
