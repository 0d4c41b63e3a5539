package dev.dbpool.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL 17 on a free loopback port, user {@code postgres}, trust authentication.
 *
 * <p>Unlike a bare zonky instance it can be stopped and started again on the same data directory
 * and port, which is what a {@code restart} fault needs, and it starts when the JVM runs as root.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> serverConfig;
    private EmbeddedPostgres running;

    private EmbeddedPostgresServer(Path dataDirectory, int port, Map<String, String> serverConfig) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.serverConfig = Map.copyOf(serverConfig);
    }

    /** Starts a server with PostgreSQL's defaults but {@code max_connections = 300} (zonky's). */
    public static EmbeddedPostgresServer start() {
        return start(Map.of());
    }

    /** Starts a server; {@code serverConfig} entries become {@code -c key=value} settings. */
    public static EmbeddedPostgresServer start(Map<String, String> serverConfig) {
        try {
            Path data = Files.createTempDirectory("dbpool-pgdata");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(data, freePort(), serverConfig);
            server.startServer();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    public int port() {
        return port;
    }

    /** JDBC URL for a database of this server, without credentials (trust authentication). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SUPERUSER;
    }

    /** The same in the libpq form that {@code DATABASE_URL} takes. */
    public String postgresUrl(String database) {
        return "postgres://" + SUPERUSER + "@127.0.0.1:" + port + "/" + database;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the server (fast shutdown) and keeps its data, so that {@link #startAgain()} can follow. */
    public synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL", e);
        } finally {
            running = null;
        }
    }

    /** Starts a stopped server again on the same port and data directory. */
    public synchronized void startAgain() {
        if (running != null) {
            return;
        }
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart embedded PostgreSQL", e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        deleteRecursively(dataDirectory);
    }

    private void startServer() throws IOException {
        File workingDirectory = new File(System.getProperty("java.io.tmpdir"), "dbpool-embedded-pg");
        Files.createDirectories(workingDirectory.toPath());
        UnprivilegedBinaries.prepare(workingDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(workingDirectory)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("listen_addresses", "127.0.0.1");
        config.putAll(serverConfig);
        config.forEach(builder::setServerConfig);
        running = builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
