package dev.dbpool.loadgen.db;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The --pg-ctl command, run for real: a script stands in for pg_ctl and records how it was called. */
class PgCtlRestarterTest {

    private static Path script(Path dir, String body) throws Exception {
        Path script = dir.resolve("fake-pg-ctl");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void appendsStopAndStartToTheCommand(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("calls");
        Path script = script(dir, "echo \"$@\" >> " + log);
        PgCtlRestarter restarter = new PgCtlRestarter(script + " -D /var/lib/postgresql/data");

        restarter.stop();
        restarter.start();

        assertThat(Files.readAllLines(log)).containsExactly("-D /var/lib/postgresql/data stop",
                "-D /var/lib/postgresql/data start");
    }

    @Test
    void aFailingCommandSaysHowItFailed(@TempDir Path dir) throws Exception {
        Path script = script(dir, "echo 'pg_ctl: no server running' >&2; exit 3");

        assertThatThrownBy(() -> new PgCtlRestarter(script.toString()).stop())
                .isInstanceOf(SoakDatabaseException.class)
                .hasMessageContaining("could not stop the server")
                .hasMessageContaining("exited 3")
                .hasMessageContaining("no server running");
    }
}
