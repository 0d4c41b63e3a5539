package dev.dbpool.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the plan reads: files only, a bounded amount, YAML aliases at fleet scale but not as a bomb. */
class InputsTest {

    @TempDir
    Path dir;

    @Test
    void aDeviceIsRefusedWithoutBeingRead() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(Path.of("/dev/zero")));

        assertThat(e.getMessage()).isEqualTo("/dev/zero: is not a regular file (a device, a pipe or a socket); "
                + "a services file or a Kubernetes manifest is read from a file");
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter() throws Exception {
        Path fifo = dir.resolve("services.yaml");
        boolean made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        assumeTrue(made, "mkfifo is not available");

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(fifo));

        assertThat(e.getMessage()).contains("is not a regular file");
    }

    @Test
    void aFileLargerThanTheLimitIsRefused() throws IOException {
        Path big = dir.resolve("services.yaml");
        Files.write(big, new byte[SourceText.MAX_FILE_BYTES + 10]);

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(big));

        assertThat(e.getMessage()).endsWith("is larger than 1048576 bytes; a services file or a Kubernetes manifest "
                + "is text of at most that size");
    }

    @Test
    void aBrokenLinkInADirectoryIsNamed() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        Files.createSymbolicLink(dir.resolve("b.yaml"), dir.resolve("gone.yaml"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(dir));

        assertThat(e.getMessage()).isEqualTo(dir.resolve("b.yaml") + ": is a broken or looping symbolic link");
    }

    @Test
    void aSubdirectoryOfManifestsIsNamedInTheNotes() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: auth-service}\n"
                + "spec: {template: {spec: {containers: [{name: app}]}}}\n");
        Files.createDirectory(dir.resolve("more"));

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.notes()).anyMatch(n -> n.startsWith(dir.resolve("more") + ": a subdirectory is not read"));
    }

    @Test
    void sixtyServicesMergingOneAnchorAreRead() {
        StringBuilder yaml = new StringBuilder("database: {max_connections: 5000}\nx-web: &web {max_connections: 4, "
                + "min_connections: 1, replicas: 2}\nservices:\n");
        for (int i = 0; i < 60; i++) {
            yaml.append("  svc-").append(i).append(": {<<: *web}\n");
        }

        FleetPlan plan = FleetPlan.parse("s.yaml", yaml.toString());

        assertThat(plan.services()).hasSize(60).allMatch(s -> s.maxConnections() == 4 && s.replicas() == 2);
    }

    @Test
    void anAliasBombIsRefusedWhereItExplodes() {
        StringBuilder yaml = new StringBuilder("x-0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 9; i++) {
            yaml.append("x-").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        yaml.append("database: {max_connections: 100}\nservices: {auth-service: {}}\n");

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("bomb.yaml", yaml.toString()));

        assertThat(e.getMessage()).startsWith("bomb.yaml:7:").contains("expands to more than 2000000 values through YAML aliases");
    }

    @Test
    void anAliasInsideItselfIsRefused() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("loop.yaml",
                "x-loop: &l [a, *l]\ndatabase: {max_connections: 100}\nservices: {auth-service: {}}\n"));

        assertThat(e.getMessage()).contains("a YAML alias refers to the value that contains it");
    }

    @Test
    void aServiceNameWithANewlineIsRefused() {
        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.parse("s.yaml",
                "database: {max_connections: 100}\nservices:\n  \"auth\\nservice\": {max_connections: 2}\n"));

        assertThat(e.getMessage()).isEqualTo("s.yaml:3:3: a service name must be printable, got 'auth?service' "
                + "(control characters shown as ?)");
    }

    @Test
    void anEmptyPgBouncerIniIsRefused() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), "; nothing here\n");

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).isEqualTo(ini + ": has no settings: a pgbouncer.ini has [databases] and [pgbouncer] sections");
    }

    @Test
    void aUsersPoolModeIsCheckedAsPgBouncerWould() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                app = host=db dbname=app
                [users]
                reporting = pool_mode=statment
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).isEqualTo(ini + ":4:13: [users] reporting pool_mode must be one of session, "
                + "transaction, statement, got 'statment'");
    }

    @Test
    void aDatabaseDefinedTwiceIsRefused() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), """
                [databases]
                app = host=db1 dbname=app
                app = host=db2 dbname=app
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).isEqualTo(ini + ":3:1: [databases] app is defined twice (first at " + ini
                + ":2:1); PgBouncer would use one of them: keep one");
    }

    @Test
    void aPgBouncerPoolPastPostgresqlsLimitIsRefused() throws IOException {
        Path ini = Files.writeString(dir.resolve("pgbouncer.ini"), "[pgbouncer]\ndefault_pool_size = 2147483647\n");

        PlanException e = catchThrowableOfType(PlanException.class, () -> PgBouncerConfig.load(ini));

        assertThat(e.getMessage()).contains("default_pool_size must be at most 262143");
    }

}
