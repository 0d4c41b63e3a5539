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

    @Test
    void refusesRolesWithoutSuperuserRightsAtTheLimitButKeepsTheReservedSlots() throws SQLException {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(5, 2)) {
            execute(server, "CREATE ROLE app LOGIN");
            java.util.List<Connection> open = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(DriverManager.getConnection(server.jdbcUrl("postgres").replace("user=postgres", "user=app")));
                }
                assertThatThrownBy(() -> DriverManager.getConnection(
                        server.jdbcUrl("postgres").replace("user=postgres", "user=app")).close())
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("53300"));
                assertThat(serverVersion(server)).startsWith("17."); // a superuser still gets in
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        }
    }

    @Test
    void closeRemovesTheDataDirectory() {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start();
        java.nio.file.Path data = server.dataDirectory();
        assertThat(data.resolve("PG_VERSION")).exists();

        server.close();
        server.close();

        assertThat(data).doesNotExist();
    }

    @Test
    void rejectsALimitWithNoRoomForApplications() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.start(3, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("superuser_reserved_connections");
    }

    @Test
    void removesATreeWhoseFilesVanishMeanwhile() throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("dbpool-delete-test");
        java.nio.file.Files.createDirectories(dir.resolve("a/b"));
        java.nio.file.Files.writeString(dir.resolve("a/b/file"), "x");

        EmbeddedPostgresServer.deleteRecursively(dir);
        EmbeddedPostgresServer.deleteRecursively(dir);

        assertThat(dir).doesNotExist();
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
