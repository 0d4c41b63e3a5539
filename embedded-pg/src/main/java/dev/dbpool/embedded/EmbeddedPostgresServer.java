package dev.dbpool.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A throw-away PostgreSQL 17 on a free loopback port, user {@code postgres}, trust authentication.
 *
 * <p>Unlike a bare zonky instance it can be stopped and started again on the same data directory
 * and port, which is what a {@code restart} fault needs, and it starts when the JVM runs as root.
 *
 * <p>Its data directory is removed on {@link #close()} and, when nobody closed it, when the JVM exits
 * (a shutdown hook of its own, also on Ctrl-C). zonky's own shutdown hook is turned off
 * ({@code setRegisterShutdownHook(false)}): run concurrently with ours it raced it to {@code pg_ctl stop},
 * the loser logging a stack trace, and a directory deleted while PostgreSQL still writes its shutdown
 * checkpoint is left behind half-deleted. Removal still waits until the server has really stopped.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** PostgreSQL's setting for the connection limit; see {@link #start(int, int)}. */
    public static final String MAX_CONNECTIONS = "max_connections";
    /** PostgreSQL's setting for the slots only superusers may take. */
    public static final String SUPERUSER_RESERVED_CONNECTIONS = "superuser_reserved_connections";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final Path dataDirectory;
    private final int port;
    private final Map<String, String> serverConfig;
    private final Thread removeOnExit;
    private EmbeddedPostgres running;
    private boolean closed;

    private EmbeddedPostgresServer(Path dataDirectory, int port, Map<String, String> serverConfig) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.serverConfig = Map.copyOf(serverConfig);
        this.removeOnExit = new Thread(this::close, "dbpool-embedded-pg-cleanup");
    }

    /** Starts a server with PostgreSQL's defaults but {@code max_connections = 300} (zonky's). */
    public static EmbeddedPostgresServer start() {
        return start(Map.of());
    }

    /**
     * Starts a server with this connection limit: {@code maxConnections} sessions in all, of which
     * the last {@code superuserReservedConnections} only a superuser (such as {@link #SUPERUSER}) may
     * take. A role without superuser rights is refused with {@code 53300 too_many_connections} once
     * {@code maxConnections - superuserReservedConnections} slots are in use.
     */
    public static EmbeddedPostgresServer start(int maxConnections, int superuserReservedConnections) {
        if (maxConnections < 1 || superuserReservedConnections < 0 || superuserReservedConnections >= maxConnections) {
            throw new IllegalArgumentException("max_connections must be at least 1 and superuser_reserved_connections "
                    + "from 0 to max_connections - 1, got " + maxConnections + " and " + superuserReservedConnections);
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put(MAX_CONNECTIONS, Integer.toString(maxConnections));
        config.put(SUPERUSER_RESERVED_CONNECTIONS, Integer.toString(superuserReservedConnections));
        // PostgreSQL 16+ also has reserved_connections (for pg_use_reserved_connections); 0 unless asked.
        config.put("reserved_connections", "0");
        return start(config);
    }

    /** Starts a server; {@code serverConfig} entries become {@code -c key=value} settings. */
    public static EmbeddedPostgresServer start(Map<String, String> serverConfig) {
        Path data;
        int port;
        try {
            data = Files.createTempDirectory("dbpool-pgdata");
            port = freePort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(data, port, serverConfig);
        Runtime.getRuntime().addShutdownHook(server.removeOnExit);
        try {
            server.startServer();
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e instanceof IOException io ? new UncheckedIOException("cannot start embedded PostgreSQL", io)
                    : (RuntimeException) e;
        }
    }

    /** Where the server keeps its data (removed by {@link #close()}). */
    public Path dataDirectory() {
        return dataDirectory;
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
            // pg_ctl stop may return before the postmaster has removed its pid file, the sign that it has stopped.
            awaitStopped();
        }
    }

    /** Starts a stopped server again on the same port and data directory. */
    public synchronized void startAgain() {
        if (closed) {
            throw new IllegalStateException("the embedded PostgreSQL was closed and its data removed");
        }
        if (running != null) {
            return;
        }
        try {
            startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart embedded PostgreSQL", e);
        }
    }

    /** Stops the server and removes its data directory; safe to call twice, also from the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            deleteRecursively(dataDirectory);
            try {
                Runtime.getRuntime().removeShutdownHook(removeOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: this may be the hook running
            }
        }
    }

    private void awaitStopped() {
        Path pid = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (Files.exists(pid) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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
                .setPGStartupWait(STARTUP_WAIT)
                // Ours stops it (removeOnExit), in order with deleting its data; see the class comment.
                .setRegisterShutdownHook(false);
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

    /**
     * Deletes {@code dir} and everything in it. A file that vanishes meanwhile is fine (PostgreSQL
     * removes its temporary files as it stops); a few attempts cover a file created meanwhile.
     */
    static void deleteRecursively(Path dir) {
        IOException last = null;
        for (int attempt = 0; attempt < 5 && Files.exists(dir); attempt++) {
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof NoSuchFileException) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        if (e != null && !(e instanceof NoSuchFileException)) {
                            throw e;
                        }
                        Files.deleteIfExists(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
                return;
            } catch (NoSuchFileException e) {
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (Files.exists(dir)) {
            System.err.println("dbpool: could not remove " + dir + (last == null ? "" : ": " + last));
        }
    }
}
