package dev.dbpool.loadgen.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real PgBouncer on a free loopback port in front of one PostgreSQL database, for as long as a fleet
 * soak runs: its {@code pgbouncer.ini}, {@code userlist.txt} and log live in a temporary directory that
 * {@link #close()} removes, with the process, also when the JVM exits (Ctrl-C). PgBouncer refuses to
 * run as root, so as root it runs as {@code nobody} ({@code setpriv}), as embedded-pg does for PostgreSQL.
 */
public final class PgBouncer implements AutoCloseable {

    /** Where Debian's package installs it. */
    public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/pgbouncer");
    /** How to get it, for the message when it is missing. */
    public static final String INSTALL_HINT = "apt-get install pgbouncer";
    private static final Duration START_WAIT = Duration.ofSeconds(15);

    private final Process process;
    private final Path directory;
    private final int port;
    private final String version;
    private final Thread stopOnExit;
    private boolean closed;

    private PgBouncer(Process process, Path directory, int port, String version) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.version = version;
        this.stopOnExit = new Thread(this::close, "dbpool-pgbouncer-stop");
    }

    /**
     * The binary to run: {@code explicit} when given, else {@code pgbouncer} on the {@code PATH}, else
     * {@link #DEFAULT_BINARY}; whether it is there is for {@link #isExecutable(Path)} to say.
     */
    public static Path locate(Path explicit, String pathVariable) {
        if (explicit != null) {
            return explicit;
        }
        if (pathVariable != null) {
            for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "pgbouncer"))) {
                    return Path.of(dir, "pgbouncer");
                }
            }
        }
        return DEFAULT_BINARY;
    }

    public static boolean isExecutable(Path binary) {
        return Files.isRegularFile(binary) && Files.isExecutable(binary);
    }

    /**
     * Starts PgBouncer with {@code settings} in front of {@code upstreamHost:upstreamPort/database},
     * accepting {@code users} (trust on the client side; {@code password}, when not null, is what it
     * logs in to PostgreSQL with), and waits until it accepts connections.
     *
     * @throws IllegalStateException when it does not start (its log says why)
     */
    public static PgBouncer start(Path binary, PoolerSettings settings, String upstreamHost, int upstreamPort,
                                  String database, Collection<String> users, String password) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("dbpool-pgbouncer");
            int port = freePort();
            Set<String> userSet = new LinkedHashSet<>(users);
            StringBuilder userlist = new StringBuilder();
            for (String user : userSet) {
                userlist.append(quote(user)).append(' ').append(quote(password == null ? "" : password)).append('\n');
            }
            Files.writeString(dir.resolve("userlist.txt"), userlist, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("pgbouncer.ini"), ini(settings, dir, port, upstreamHost, upstreamPort, database),
                    StandardCharsets.UTF_8);
            handToUnprivileged(dir);
            String version = version(binary);
            List<String> command = new ArrayList<>();
            if (runningAsRoot()) {
                command.addAll(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
            }
            command.add(binary.toString());
            command.add(dir.resolve("pgbouncer.ini").toString());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            PgBouncer bouncer = new PgBouncer(process, dir, port, version);
            Runtime.getRuntime().addShutdownHook(bouncer.stopOnExit);
            try {
                bouncer.awaitListening();
            } catch (RuntimeException e) {
                bouncer.close();
                throw e;
            }
            return bouncer;
        } catch (IOException e) {
            if (dir != null) {
                deleteRecursively(dir);
            }
            throw new UncheckedIOException("cannot start PgBouncer (" + binary + "): " + e.getMessage(), e);
        }
    }

    /** The {@code pgbouncer.ini} for {@code settings}. */
    static String ini(PoolerSettings s, Path dir, int port, String upstreamHost, int upstreamPort, String database) {
        return String.join("\n",
                "; written by dbpool's fleet soak; removed when the soak ends",
                "[databases]",
                database + " = host=" + upstreamHost + " port=" + upstreamPort + " dbname=" + database,
                "",
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("userlist.txt"),
                "pool_mode = " + s.poolMode(),
                "max_client_conn = " + s.maxClientConn(),
                "default_pool_size = " + s.defaultPoolSize(),
                "reserve_pool_size = " + s.reservePoolSize(),
                "max_db_connections = " + s.maxDbConnections(),
                "max_user_connections = " + s.maxUserConnections(),
                // pgjdbc sends extra_float_digits at startup, which PgBouncer does not track.
                "ignore_startup_parameters = extra_float_digits",
                // Retry a refused server login after 1 s, not PgBouncer's 15 s.
                "server_login_retry = 1",
                "logfile = " + dir.resolve("pgbouncer.log"),
                "log_connections = 0",
                "log_disconnections = 0",
                "") + "\n";
    }

    public int port() {
        return port;
    }

    /** {@code PgBouncer 1.18.0} */
    public String version() {
        return version;
    }

    /** Server logins PostgreSQL refused ("too many clients") so far, from PgBouncer's log. */
    public long serverRefusals() {
        try {
            Path log = directory.resolve("pgbouncer.log");
            if (!Files.exists(log)) {
                return 0;
            }
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.filter(l -> l.contains("too many clients") || l.contains("53300")).count();
            }
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /** Stops the process and removes its directory; safe to call twice, also from the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            process.destroy(); // SIGTERM: PgBouncer shuts down at once
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(directory);
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: this may be the hook running
            }
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ": " + lastLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while PgBouncer started", ie);
                }
            }
        }
        throw new IllegalStateException("PgBouncer did not listen on 127.0.0.1:" + port + " within "
                + START_WAIT.toSeconds() + "s: " + lastLog());
    }

    private String lastLog() {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("stdout.log", "pgbouncer.log")) {
            try {
                Path file = directory.resolve(name);
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 5), lines.size()).forEach(l -> out.append(l.strip()).append(" | "));
                }
            } catch (IOException e) {
                // nothing more to say
            }
        }
        return out.isEmpty() ? "(no log)" : out.substring(0, out.length() - 3);
    }

    private static String version(Path binary) throws IOException {
        Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String first = output.lines().findFirst().orElse("PgBouncer");
        return first.toLowerCase(Locale.ROOT).startsWith("pgbouncer") ? first : "PgBouncer (" + first + ")";
    }

    private static String quote(String s) {
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handToUnprivileged(Path dir) throws IOException {
        if (!runningAsRoot()) {
            return;
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        var nobody = users.lookupPrincipalByName("nobody");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.setOwner(f, nobody);
            }
        }
        Files.setOwner(dir, nobody);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            if (!Files.exists(dir)) {
                return;
            }
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("dbpool: could not remove " + dir + ": " + e.getMessage());
        }
    }
}
