package dev.dbpool.runtime;

import dev.dbpool.runtime.config.InvalidConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The one masking, over every form of address a user types or a library prints. Each secret below is
 * unique, so "not in the output" means the masking caught it, wherever it was.
 */
class DatabaseUrlMaskingTest {

    /** Address forms, each with the one secret it carries. */
    static List<String[]> forms() {
        return List.of(
                new String[] {"postgres://app:Sec1@db/app", "Sec1"},
                new String[] {"postgresql://app:Sec2@db:5432/app?sslmode=require", "Sec2"},
                new String[] {"postgres:/app:Sec3@db/app", "Sec3"},
                new String[] {"postgres//app:Sec4@db/app", "Sec4"},
                new String[] {"postgre://app:Sec5@db/app", "Sec5"},
                new String[] {"app:Sec6@db/app", "Sec6"},
                new String[] {"app:Sec7@db:5432", "Sec7"},
                new String[] {"jdbc:postgresql://app:Sec8@db:1/app", "Sec8"},
                new String[] {"jdbc:postgresql://db/app?user=app&password=Sec9&ssl=true", "Sec9"},
                new String[] {"jdbc:postgresql://db/app?password=Sec10", "Sec10"},
                new String[] {"postgres://app:Sec11@[::1]:5432/app", "Sec11"},
                new String[] {"postgres://app:Sec12%40x@db/app", "Sec12"},
                new String[] {"postgres://app:Se@c13@db/app", "c13"},
                new String[] {"postgres://app:Se/c14@db/app", "c14"},
                new String[] {"postgres://app:Se:c15@db/app", "c15"},
                new String[] {"postgres://app:Se c16@db/app", "c16"},
                new String[] {"postgres://app:Se c17 @x@db/app", "c17"},
                new String[] {"app:Se c18@db/app", "c18"},
                new String[] {"app:Se@c19@db/app", "c19"},
                new String[] {"mysql://app:Sec20@db/app", "Sec20"},
                new String[] {"postgres://app:Sec21@db1:5432,db2:5433/app", "Sec21"},
                new String[] {"jdbc:postgresql://db/app?password=Se c22&user=app", "c22"},
                new String[] {"host=db password=Sec23 dbname=app", "Sec23"},
                new String[] {"host=db password='Se c24' dbname=app", "c24"},
                new String[] {"postgres://:Sec25@db/app", "Sec25"},
                new String[] {"postgres://app:Sec26@db:99999/app", "Sec26"},
                new String[] {"postgres://app:Sec27@db/app?sslmode=bogus", "Sec27"},
                new String[] {"postgres://app:Se'c28@db/app", "c28"},
                new String[] {"postgres://app:Se\"c29@db/app", "c29"},
                new String[] {"postgres://app:Sec30@db host/app", "Sec30"},
                new String[] {"postgres://app:Se?c31@db:5432/app", "c31"},
                new String[] {"jdbc:postgres://app:Sec32@x@[::1/app", "Sec32"});
    }

    @ParameterizedTest
    @MethodSource("forms")
    void masksTheSecretOfEveryForm(String url, String secret) {
        assertThat(DatabaseUrl.mask(url)).doesNotContain(secret);
        assertThat(DatabaseUrl.mask("got '" + url + "' from DATABASE_URL")).doesNotContain(secret);
        assertThat(DatabaseUrl.mask("      value: " + url)).doesNotContain(secret);
        assertThat(DatabaseUrl.mask("      value: \"" + url + "\"")).doesNotContain(secret);
        assertThat(DatabaseUrl.mask("  - DATABASE_URL=" + url)).doesNotContain(secret);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void aParseErrorNeverEchoesTheSecret(String url, String secret) {
        Throwable error = catchThrowable(() -> DatabaseUrl.parse("DATABASE_URL", url));
        if (error != null) {
            assertThat(error).isInstanceOf(InvalidConfigException.class);
            assertThat(error.getMessage()).startsWith("DATABASE_URL must be").doesNotContain(secret);
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void maskingIsIdempotent(String url, String secret) {
        String once = DatabaseUrl.mask(url);

        assertThat(DatabaseUrl.mask(once)).isEqualTo(once);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgres://app:s3cret@db/app                  | postgres://app:***@db/app",
            "postgres://app:p@ss@db:5432/app               | postgres://app:***@db:5432/app",
            "postgres://app:p ss/x@db/app                  | postgres://app:***@db/app",
            "jdbc:postgresql://app:s@db:1/app              | jdbc:postgresql://app:***@db:1/app",
            "jdbc:postgresql://db/app?password=x&ssl=true  | jdbc:postgresql://db/app?password=***&ssl=true",
            "app:s3cret@db/app                             | app:***@db/app",
            "postgres:/app:s3cret@db/app                   | postgres:/app:***@db/app",
            "postgres://a b:s@db/app                       | postgres://***@db/app",
            "postgres://app@db/app                         | postgres://app@db/app",
            "postgres://app:s@[::1]:5432/app               | postgres://app:***@[::1]:5432/app"})
    void keepsThePlainUserAndTheHost(String url, String masked) {
        assertThat(DatabaseUrl.mask(url)).isEqualTo(masked);
    }

    @Test
    void leavesFaultsAndPositionsAlone() {
        String text = "plan.yaml:12:5: --fault latency:50ms@10s+5s and kill@30s+5s; lock:orders@1s+2s";

        assertThat(DatabaseUrl.mask(text)).isEqualTo(text);
    }

    @Test
    void keepsTheRestOfAMessage() {
        assertThat(DatabaseUrl.mask("auth: cannot reach PostgreSQL at jdbc:postgresql://db:1/app (user=app, password=***) "
                + "within 5000ms: Connection refused"))
                .isEqualTo("auth: cannot reach PostgreSQL at jdbc:postgresql://db:1/app (user=app, password=***) "
                        + "within 5000ms: Connection refused");
    }

    @Test
    void schemesNamedInProseAreNotAddresses() {
        String message = "DATABASE_URL must be a postgres:// or jdbc:postgresql:// URL, got 'app:***@db/app'";

        assertThat(DatabaseUrl.mask(message)).isEqualTo(message);
        assertThat(DatabaseUrl.mask("must be a postgres:// URL, got 'app:s3cret@db/app'"))
                .isEqualTo("must be a postgres:// URL, got 'app:***@db/app'");
    }

    @Test
    void aKeywordPasswordEndsAtItsSpaceAndTheRestOfTheLineStays() {
        assertThat(DatabaseUrl.mask("app = host=db password=s3cret dbname=app colour=red"))
                .isEqualTo("app = host=db password=*** dbname=app colour=red");
        assertThat(DatabaseUrl.mask("{\"url\": \"postgres://app@db/app\", \"password\": \"s3cret\"}"))
                .doesNotContain("s3cret");
    }

    @Test
    void masksEachLineOnItsOwn() {
        assertThat(DatabaseUrl.mask("a postgres://u:x1@db/a\nb user@example.org\nDB_PASSWORD: hunter2"))
                .isEqualTo("a postgres://u:***@db/a\nb user@example.org\nDB_PASSWORD: ***");
    }

    @Test
    void takesTheUserInfoToTheLastAtBeforeTheHost() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@s/s:w rd@db.internal:6543/orders");

        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("p@s/s:w rd");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/orders");
    }

    @Test
    void takesUserInfoOutOfTheJdbcFormInsteadOfHandingItToTheDriver() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://app:s3cret@db:6432/app?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6432/app?sslmode=require");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s3cret");
    }

    @Test
    void decodesPercentButKeepsAPlus() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://app:a%2Fb+c%20d@db/my%20db");

        assertThat(url.password()).isEqualTo("a/b+c d");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/my db");
    }

    @Test
    void readsSeveralHostsAndIpv6() {
        assertThat(DatabaseUrl.parse("postgres://app@db1,db2:5433/app").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/app");
        assertThat(DatabaseUrl.parse("postgres://app@[::1]/app").jdbcUrl())
                .isEqualTo("jdbc:postgresql://[::1]:5432/app");
    }

    @Test
    void refusesAPortOutOfRangeNamingIt() {
        assertThatThrownBy(() -> DatabaseUrl.parse("--database-url", "postgres://app:s3cret@db:99999/app"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("--database-url must be a valid PostgreSQL URL, got 'postgres://app:***@db:99999/app': "
                        + "the port must be 1-65535, got '99999'");
    }

    @Test
    void refusesAnUnknownSslMode() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://db/app?sslmode=bogus"))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full, "
                        + "got 'bogus'");
    }

    @Test
    void saysWhatAMistypedSchemeMeant() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:/app:s3cret@db/app"))
                .hasMessage("DATABASE_URL must be a postgres:// or jdbc:postgresql:// URL, got 'postgres:/app:***@db/app' "
                        + "(did you mean postgres:// with its colon and two slashes?)");
    }

    @Test
    void aParseProblemDoesNotQuoteWhatMayBeThePassword() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:Se?cret@db:5432/app"))
                .hasMessageNotContaining("cret")
                .hasMessageEndingWith("the port must be 1-65535, got a part not shown (it may be the password's)");
    }

    @Test
    void refusesABrokenPercentSign() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:50%off@db/app"))
                .hasMessageContaining("the password has a '%' that is not followed by two hex digits")
                .hasMessageNotContaining("50%off");
    }
}
