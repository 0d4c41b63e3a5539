package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every form of address a user types, with a password in it, through every command that takes one,
 * through the real seam with the libraries' log lines captured: the password is never in stdout, stderr,
 * a log line or a file written. Each form carries a secret of its own, so "not there" means masked.
 */
class PasswordsNeverLeakTest {

    @TempDir
    Path dir;

    /** {@code [form, secret]}: scheme typos, no scheme, jdbc user-info, query parameters, IPv6, encodings, odd characters. */
    static Stream<List<String>> forms() {
        return Stream.of(
                List.of("postgres://app:Pw1Plain@127.0.0.1:1/app", "Pw1Plain"),
                List.of("postgresql://app:Pw2Long@127.0.0.1:1/app?sslmode=disable", "Pw2Long"),
                List.of("postgres:/app:Pw3OneSlash@127.0.0.1:1/app", "Pw3OneSlash"),
                List.of("postgres//app:Pw4NoColon@127.0.0.1:1/app", "Pw4NoColon"),
                List.of("postgress://app:Pw5Typo@127.0.0.1:1/app", "Pw5Typo"),
                List.of("app:Pw6NoScheme@127.0.0.1:1/app", "Pw6NoScheme"),
                List.of("jdbc:postgresql://app:Pw7JdbcInfo@127.0.0.1:1/app", "Pw7JdbcInfo"),
                List.of("jdbc:postgresql://127.0.0.1:1/app?user=app&password=Pw8Query", "Pw8Query"),
                List.of("postgres://app:Pw9Six@[::1]:1/app", "Pw9Six"),
                List.of("postgres://app:Pw10%40Enc@127.0.0.1:1/app", "Pw10"),
                List.of("postgres://app:Pw11@At@127.0.0.1:1/app", "At@127"),
                List.of("postgres://app:Pw12/Slash@127.0.0.1:1/app", "Pw12/Slash"),
                List.of("postgres://app:Pw13:Colon@127.0.0.1:1/app", "Pw13:Colon"),
                List.of("postgres://app:Pw14 Space@127.0.0.1:1/app", "Space"),
                List.of("postgres://app:Pw15Port@127.0.0.1:99999/app", "Pw15Port"),
                List.of("postgres://app:Pw16Ssl@127.0.0.1:1/app?sslmode=bogus", "Pw16Ssl"),
                List.of("mysql://app:Pw17Mysql@127.0.0.1:1/app", "Pw17Mysql"),
                List.of("app:Pw18 Two Words@127.0.0.1:1/app", "Words"));
    }

    @ParameterizedTest
    @MethodSource("forms")
    void planDatabaseUrl(List<String> form) {
        CliTesting.Logged run = CliTesting.runLogged(Map.of(), "plan", "--presets", "--database-url", form.get(0),
                "--connect-timeout", "1");

        assertNoLeak(run, form.get(1), ExitCodes.USAGE, ExitCodes.UNREACHABLE);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void soakDatabaseUrl(List<String> form) {
        CliTesting.Logged run = CliTesting.runLogged(Map.of("DATABASE_URL", form.get(0)), "soak", "--service",
                "auth-service", "--database-url", form.get(0), "--duration", "1s");

        assertNoLeak(run, form.get(1), ExitCodes.USAGE, ExitCodes.UNREACHABLE);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void aManifestsDatabaseUrlAndTheQuotedLine(List<String> form) throws IOException {
        Path manifest = Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: DATABASE_URL, value: "%s"}
                            - {name: DB_MAX_CONNECTIONS, value: "%s"}
                """.formatted(form.get(0).replace("\"", "\\\""), "many " + form.get(0)));

        CliTesting.Logged run = CliTesting.runLogged(Map.of(), "plan", manifest.toString(), "--max-connections", "100");

        assertNoLeak(run, form.get(1), ExitCodes.USAGE);
        assertThat(run.result().err()).contains(manifest + ":");
    }

    @ParameterizedTest
    @MethodSource("forms")
    void aSecretsValueIsNeverQuoted(List<String> form) throws IOException {
        Path manifest = Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                stringData:
                  DATABASE_URL: "%s"
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env: [{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db, key: DATABASE_URL}}}]
                """.formatted(form.get(0).replace("\"", "\\\"")));

        CliTesting.Logged run = CliTesting.runLogged(Map.of(), "plan", manifest.toString(), "--max-connections", "100");

        assertNoLeak(run, form.get(1), ExitCodes.OK, ExitCodes.USAGE);
    }

    @Test
    void aPgBouncerIniLineWithAPassword() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"),
                "[databases]\napp = host=db password=IniSecret9 dbname=app colour=red\n");

        CliTesting.Logged run = CliTesting.runLogged(Map.of(), "plan", "--presets", "--pgbouncer", ini.toString());

        assertNoLeak(run, "IniSecret9", ExitCodes.USAGE);
        assertThat(run.result().err()).contains("password=***");
    }

    @Test
    void aSoakAgainstARealServerWritesNoPasswordAnywhere() throws IOException {
        DatabaseUrl test = TestDatabase.get().parsed();
        String user = test.user() == null ? System.getProperty("user.name") : test.user();
        // The test server trusts local connections, so any password logs in; where it checks, the run is 3.
        String withPassword = test.jdbcUrl().replace("jdbc:postgresql://", "postgres://" + user + ":"
                + (test.password() == null ? "ReportSecret7" : test.password()) + "@");
        String secret = test.password() == null ? "ReportSecret7" : test.password();
        Path report = dir.resolve("report");

        CliTesting.Logged run = CliTesting.runLogged(Map.of(), "soak", "--service", "auth-service", "--database-url",
                withPassword, "--duration", "5s", "--warmup", "0s", "--rate", "50", "--mode", "wait", "--rows", "100",
                "--fault", "kill@3s+1s", "--report", report.toString());

        assertNoLeak(run, secret, ExitCodes.OK, ExitCodes.VIOLATION, ExitCodes.UNREACHABLE, ExitCodes.INVALID_RUN);
        if (run.result().exitCode() != ExitCodes.UNREACHABLE) {
            assertThat(report.resolve("report.json")).exists();
            try (Stream<Path> files = Files.list(report)) {
                for (Path file : files.toList()) {
                    assertThat(Files.readString(file)).as(file.toString()).doesNotContain(secret);
                }
            }
        }
    }

    private static void assertNoLeak(CliTesting.Logged run, String secret, Integer... exitCodes) {
        assertThat(run.result().exitCode()).as(run.everything()).isIn((Object[]) exitCodes);
        assertThat(run.everything()).doesNotContain(secret).doesNotContain("\tat ");
    }
}
