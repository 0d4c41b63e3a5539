package dev.dbpool.testdb;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The order of the places, and a failure that says where it looked and why. */
class TestPostgresTest {

    private static final Places.DockerEngine NO_DOCKER = new Places.DockerEngine() {
        @Override
        public String whyUnavailable(Function<String, String> env) {
            return "no engine to ask (no /var/run/docker.sock, DOCKER_HOST not set)";
        }

        @Override
        public String startPostgres(String image) {
            throw new AssertionError("must not start a container without an engine");
        }
    };

    private static Places places(Map<String, String> env) {
        return new Places(env::get, NO_DOCKER, () -> {
            throw new IllegalStateException("no binaries for this platform");
        });
    }

    @Test
    void theEnvironmentVariableWinsAndNothingElseIsAsked() {
        AtomicBoolean asked = new AtomicBoolean();
        Places places = places(Map.of(TestPostgres.ENV, " postgres://app:s3cret@db.internal:5432/app "))
                .withDocker(new Places.DockerEngine() {
                    @Override
                    public String whyUnavailable(Function<String, String> env) {
                        asked.set(true);
                        return null;
                    }

                    @Override
                    public String startPostgres(String image) {
                        throw new AssertionError();
                    }
                });

        TestPostgres chosen = TestPostgres.choose(places);

        assertThat(chosen.source()).isEqualTo(TestPostgres.Source.ENV);
        assertThat(chosen.url()).isEqualTo("postgres://app:s3cret@db.internal:5432/app");
        assertThat(chosen.embedded()).isNull();
        assertThat(asked).isFalse();
        assertThat(chosen.toString()).contains("app:***@db.internal").doesNotContain("s3cret");
        assertThat(chosen.lookedAt()).singleElement().asString().doesNotContain("s3cret");
    }

    @Test
    void aDockerEngineThatAnswersGivesTestcontainers() {
        Places places = places(Map.of()).withDocker(new Places.DockerEngine() {
            @Override
            public String whyUnavailable(Function<String, String> env) {
                return null;
            }

            @Override
            public String startPostgres(String image) {
                assertThat(image).isEqualTo("postgres:17");
                return "postgres://test:test@localhost:32768/test";
            }
        });

        TestPostgres chosen = TestPostgres.choose(places);

        assertThat(chosen.source()).isEqualTo(TestPostgres.Source.TESTCONTAINERS);
        assertThat(chosen.source().label()).isEqualTo("testcontainers");
        assertThat(chosen.lookedAt()).hasSize(2);
    }

    @Test
    void whenNothingAnswersTheFailureNamesEveryPlaceAndWhy() {
        assertThatThrownBy(() -> TestPostgres.choose(places(Map.of())))
                .isInstanceOf(PostgresNotFoundException.class)
                .hasMessageContaining("1. env DBPOOL_TEST_DATABASE_URL: not set")
                .hasMessageContaining("2. Docker: no engine to ask (no /var/run/docker.sock, DOCKER_HOST not set)")
                .hasMessageContaining("3. embedded PostgreSQL 17 (zonky): could not start: "
                        + "IllegalStateException: no binaries for this platform")
                .hasMessageContaining("Set DBPOOL_TEST_DATABASE_URL to a server you run")
                .satisfies(e -> assertThat(((PostgresNotFoundException) e).lookedAt()).hasSize(3));
    }

    @Test
    void aDockerEngineThatCannotStartTheContainerIsNamedWithItsReason() {
        Places places = places(Map.of()).withDocker(new Places.DockerEngine() {
            @Override
            public String whyUnavailable(Function<String, String> env) {
                return null;
            }

            @Override
            public String startPostgres(String image) {
                throw new IllegalStateException("pull access denied for postgres");
            }
        });

        assertThatThrownBy(() -> TestPostgres.choose(places))
                .isInstanceOf(PostgresNotFoundException.class)
                .hasMessageContaining("Docker: an engine answers, but Testcontainers could not start postgres:17: "
                        + "IllegalStateException: pull access denied for postgres")
                .hasMessageContaining("embedded PostgreSQL 17: not tried");
    }

    @Test
    void withoutTheVariableOrDockerTheEmbeddedServerStarts() {
        TestPostgres chosen = TestPostgres.choose(Places.ofThisMachine().withEnv(name -> null).withDocker(NO_DOCKER));
        try {
            assertThat(chosen.source()).isEqualTo(TestPostgres.Source.EMBEDDED);
            assertThat(chosen.url()).startsWith("postgres://postgres@127.0.0.1:");
            assertThat(chosen.embedded().isRunning()).isTrue();
            assertThat(chosen.lookedAt()).last().asString().startsWith("embedded PostgreSQL 17: started on 127.0.0.1:");
        } finally {
            chosen.embedded().close();
        }
    }

    @Test
    void masksPasswordsInBothUrlForms() {
        assertThat(TestPostgres.mask("postgres://u:p@h/db")).isEqualTo("postgres://u:***@h/db");
        assertThat(TestPostgres.mask("jdbc:postgresql://h/db?user=u&password=p&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
    }
}
