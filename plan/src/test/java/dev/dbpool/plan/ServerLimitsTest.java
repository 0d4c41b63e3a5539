package dev.dbpool.plan;

import dev.dbpool.runtime.DbPoolException;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ServerLimitsTest {

    @Test
    void readsTheServersRealLimits() throws Exception {
        TestDatabase db = TestDatabase.get();

        ServerLimits limits = ServerLimits.read(db.databaseUrl(), Duration.ofSeconds(5));

        assertThat(limits.maxConnections()).isEqualTo(setting(db, "max_connections"));
        assertThat(limits.superuserReservedConnections()).isEqualTo(setting(db, "superuser_reserved_connections"));
        assertThat(limits.serverVersion()).isNotBlank();
        assertThat(limits.url()).doesNotContain("@").startsWith("jdbc:postgresql://");
    }

    @Test
    void countsSessionsByApplicationName() throws Exception {
        TestDatabase db = TestDatabase.get();
        Properties props = new Properties();
        if (db.parsed().user() != null) {
            props.setProperty("user", db.parsed().user());
        }
        if (db.parsed().password() != null) {
            props.setProperty("password", db.parsed().password());
        }
        props.setProperty("ApplicationName", "plan-limits-test");
        try (Connection first = DriverManager.getConnection(db.parsed().jdbcUrl(), props);
             Connection second = DriverManager.getConnection(db.parsed().jdbcUrl(), props)) {

            ServerLimits limits = ServerLimits.read(db.databaseUrl(), Duration.ofSeconds(5));

            assertThat(limits.connectionsByApplication()).containsEntry("plan-limits-test", 2);
            assertThat(limits.connectionsByApplication()).doesNotContainKey("dbpool-plan");
        }
    }

    @Test
    void anUnreachableServerIsADbPoolExceptionWithoutThePassword() {
        DbPoolException e = catchThrowableOfType(DbPoolException.class,
                () -> ServerLimits.read("postgres://u:secret@127.0.0.1:1/db", Duration.ofSeconds(2)));

        assertThat(e.getMessage()).contains("cannot reach PostgreSQL at jdbc:postgresql://127.0.0.1:1/db")
                .doesNotContain("secret");
    }

    private static int setting(TestDatabase db, String name) throws Exception {
        try (Connection c = db.adminConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }
}
