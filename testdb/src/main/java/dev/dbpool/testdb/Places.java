package dev.dbpool.testdb;

import dev.dbpool.embedded.EmbeddedPostgresServer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where {@link TestPostgres#choose} looks: the environment, a Docker engine, the embedded server. {@link
 * #ofThisMachine()} is the real machine; tests of a fixture replace a place to see what the choice does
 * (for example an embedded server that cannot start).
 */
public record Places(Function<String, String> env, DockerEngine docker, EmbeddedStarter embedded) {

    public Places {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(docker, "docker");
        Objects.requireNonNull(embedded, "embedded");
    }

    /** A Docker engine that Testcontainers can use. */
    public interface DockerEngine {

        /** {@code null} when an engine answers, else why not (for the failure message). */
        String whyUnavailable(Function<String, String> env);

        /** Starts PostgreSQL from {@code image} and returns its URL (libpq form); stopped when the JVM exits. */
        String startPostgres(String image);
    }

    /** Starts the embedded server. */
    public interface EmbeddedStarter {
        EmbeddedPostgresServer start();
    }

    /** This process's environment, Testcontainers and {@code EmbeddedPostgresServer.start()}. */
    public static Places ofThisMachine() {
        return new Places(System::getenv, new TestcontainersEngine(), EmbeddedPostgresServer::start);
    }

    public Places withEnv(Function<String, String> value) {
        return new Places(value, docker, embedded);
    }

    public Places withDocker(DockerEngine value) {
        return new Places(env, value, embedded);
    }

    public Places withEmbedded(EmbeddedStarter value) {
        return new Places(env, docker, value);
    }

    /** The Testcontainers engine, asked only where an engine could be: its probe is slow and logs an ERROR without one. */
    static final class TestcontainersEngine implements DockerEngine {

        @Override
        public String whyUnavailable(Function<String, String> env) {
            String home = System.getProperty("user.home");
            List<Path> candidates = List.of(Path.of("/var/run/docker.sock"), Path.of(home, ".docker", "run", "docker.sock"),
                    Path.of(home, ".testcontainers.properties"));
            boolean configured = candidates.stream().anyMatch(Files::exists);
            String dockerHost = env.apply("DOCKER_HOST");
            boolean hostSet = dockerHost != null && !dockerHost.isBlank();
            if (!configured && !hostSet) {
                List<String> absent = new ArrayList<>();
                candidates.forEach(p -> absent.add("no " + p));
                absent.add("DOCKER_HOST not set");
                return "no engine to ask (" + String.join(", ", absent) + ")";
            }
            try {
                if (DockerClientFactory.instance().isDockerAvailable()) {
                    return null;
                }
                return "Testcontainers found no working engine (" + (hostSet ? "DOCKER_HOST=" + dockerHost : "socket or "
                        + "~/.testcontainers.properties present") + "; see its log for the strategies it tried)";
            } catch (RuntimeException | LinkageError e) {
                return "Testcontainers could not ask the engine: " + TestPostgres.reason(e);
            }
        }

        @Override
        public String startPostgres(String image) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(image);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "dbpool-testdb-stop"));
            return "postgres://" + container.getUsername() + ":" + container.getPassword() + "@"
                    + container.getHost() + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
        }
    }
}
