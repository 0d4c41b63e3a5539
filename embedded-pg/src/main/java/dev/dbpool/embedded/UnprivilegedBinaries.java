package dev.dbpool.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * Makes zonky's PostgreSQL binaries usable when the JVM runs as root (CI containers do).
 *
 * <p>{@code initdb} and {@code pg_ctl} refuse to run as root, and zonky has no option to run them as
 * another user. Zonky unpacks the binaries into {@code WORKDIR/PG-<md5 of the archive>} and skips
 * the unpacking when a {@code .exists} marker is there. So, as root, we unpack the same archive
 * ourselves into that directory, replace {@code initdb} and {@code pg_ctl} with small wrappers that
 * hand the data directory to {@code nobody} and drop privileges with {@code setpriv}, and write the
 * marker. Zonky then runs the wrappers without knowing. As any other user this class does nothing.
 */
final class UnprivilegedBinaries {

    static final String UNPRIVILEGED_UID = "65534";
    private static final String MARKER = ".dbpool-unprivileged";
    private static final String[] WRAPPED = {"initdb", "pg_ctl"};

    private UnprivilegedBinaries() {
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Prepares {@code workingDirectory} so that zonky finds wrapped binaries there; idempotent. */
    static synchronized void prepare(File workingDirectory) {
        if (!runningAsRoot()) {
            return;
        }
        try {
            byte[] archive = bundledArchive();
            Path pgDir = workingDirectory.toPath().resolve("PG-" + md5(archive));
            if (Files.exists(pgDir.resolve(MARKER))) {
                return;
            }
            Files.createDirectories(pgDir);
            makeTraversable(workingDirectory.toPath());
            unpack(archive, pgDir);
            for (String binary : WRAPPED) {
                wrap(pgDir.resolve("bin").resolve(binary));
            }
            Files.createFile(pgDir.resolve(".exists"));
            Files.createFile(pgDir.resolve(MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare PostgreSQL binaries to run unprivileged", e);
        }
    }

    private static byte[] bundledArchive() throws IOException {
        String arch = "amd64".equals(System.getProperty("os.arch")) ? "x86_64" : System.getProperty("os.arch");
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux", arch)) {
            if (in == null) {
                throw new IOException("no bundled PostgreSQL binaries for Linux/" + arch);
            }
            return in.readAllBytes();
        }
    }

    private static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void makeTraversable(Path dir) throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        Path tarball = Files.createTempFile("dbpool-pg", ".txz");
        try {
            Files.write(tarball, archive);
            run("tar", "--no-same-owner", "-xJf", tarball.toString(), "-C", target.toString());
        } finally {
            Files.deleteIfExists(tarball);
        }
    }

    private static void wrap(Path binary) throws IOException {
        Path real = binary.resolveSibling(binary.getFileName() + ".real");
        Files.move(binary, real);
        String script = """
                #!/bin/sh
                # Written by dbpool: PostgreSQL refuses to run as root, so run the real binary as nobody.
                real="$(dirname "$0")/%s.real"
                if [ "$(id -u)" -ne 0 ]; then exec "$real" "$@"; fi
                prev=""
                for arg in "$@"; do
                  if [ "$prev" = "-D" ]; then chown -R %s:%s "$arg"; fi
                  prev="$arg"
                done
                exec setpriv --reuid=%s --regid=%s --clear-groups "$real" "$@"
                """.formatted(binary.getFileName(), UNPRIVILEGED_UID, UNPRIVILEGED_UID,
                UNPRIVILEGED_UID, UNPRIVILEGED_UID);
        Files.writeString(binary, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
    }
}
