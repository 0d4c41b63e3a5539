package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

    @Test
    void splitsTheLibpqForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p%40ss@db.internal:6543/orders?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/orders?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@ss");
    }

    @Test
    void defaultsPortAndDatabaseInTheLibpqForm() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://localhost");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(url.user()).isNull();
        assertThat(url.password()).isNull();
    }

    @Test
    void takesCredentialsOutOfTheJdbcForm() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://db:5432/app?user=app&password=hunter2&ssl=true");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/app?ssl=true");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("hunter2");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(DatabaseUrl.parse("postgres://app:hunter2@db/app").toString())
                .isEqualTo("jdbc:postgresql://db:5432/app (user=app, password=***)");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://db/app?password=hunter2").toString())
                .doesNotContain("hunter2");
    }

    @Test
    void masksPasswordsInFreeText() {
        assertThat(DatabaseUrl.mask("failed for postgres://u:hunter2@h/db and jdbc:postgresql://h/db?password=x2&a=b"))
                .isEqualTo("failed for postgres://u:***@h/db and jdbc:postgresql://h/db?password=***&a=b");
    }

    @Test
    void rejectsOtherSchemesNamingTheField() {
        assertThatThrownBy(() -> DatabaseUrl.parse("--database-url", "http://db/app"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--database-url must be a postgres:// or jdbc:postgresql:// URL, got 'http://db/app'");
    }

    @Test
    void rejectsAUrlWithoutHost() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///app"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("DATABASE_URL must be a valid PostgreSQL URL, got 'postgres:///app': no host");
    }
}
