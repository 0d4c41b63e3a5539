package dev.dbpool.cli.plan;

import dev.dbpool.cli.DbpoolCli;
import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of the deployed-fleet inputs (manifests, databases, pgbouncer.ini), through the CLI seam:
 * exit 2 and {@code FILE:LINE:COL: message} naming the variable or key, no stack trace; or, where the
 * design says so, a note and a normal verdict.
 */
class PlanDeployedBadInputTest {

    @TempDir
    Path dir;

    @Test
    void aNonIntegerDbMaxConnectionsInAManifestIsAnErrorAtTheVariable() throws IOException {
        Path file = write("auth.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: DB_MAX_CONNECTIONS
                              value: "sixteen"
                """);

        DbpoolCli.Result result = assertRejected(file + ":11:22: auth-service (Deployment/default/auth-service): "
                + "DB_MAX_CONNECTIONS must be a positive integer, got 'sixteen'", file.toString(), "--max-connections", "100");
        assertThat(result.err()).contains(" 11 |               value: \"sixteen\"");
    }

    @Test
    void aBadValueFromAConfigMapIsReportedWhereTheConfigMapSetsIt() throws IOException {
        write("config.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: pools}
                data:
                  DB_MIN_CONNECTIONS: "40"
                """);
        write("auth.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec: {template: {spec: {containers: [{name: app, envFrom: [{configMapRef: {name: pools}}]}]}}}
                """);

        assertRejected(dir.resolve("config.yaml") + ":5:23: auth-service (Deployment/default/auth-service): "
                + "DB_MIN_CONNECTIONS=40 must not exceed the auth-service preset's max (16)", dir.toString(), "--max-connections", "100");
    }

    @Test
    void anAutoscalerWhoseTargetIsMissingIsANoteNotAnError() throws IOException {
        write("fleet.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec: {replicas: 2, template: {spec: {containers: [{name: app}]}}}
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: legacy}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: legacy-service}
                  maxReplicas: 4
                """);

        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", dir.toString(), "--max-connections", "100");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains(dir.resolve("fleet.yaml") + ":10:19: HorizontalPodAutoscaler 'legacy' scales "
                + "Deployment 'legacy-service', which is not in the input: ignored");
    }

    @Test
    void aConfigMapKeyRefToAMissingConfigMapIsANoteAndCountsThePreset() throws IOException {
        Path file = write("auth.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec:
                  replicas: 2
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: DB_MAX_CONNECTIONS
                              valueFrom:
                                configMapKeyRef: {name: pool-sizes, key: auth}
                """);

        DbpoolCli.Result result = DbpoolCli.runCaptured("plan", file.toString(), "--max-connections", "100");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("TOTAL                2                   32")
                .contains(file + ":13:17: auth-service: DB_MAX_CONNECTIONS is unknown: it comes from ConfigMap "
                        + "'pool-sizes', which is not in the input; counted at the preset (max 16, min 5)");
    }

    @Test
    void duplicateWorkloadsAreRefusedWithTheFirstPosition() throws IOException {
        write("a.yaml", deployment("auth-service"));
        write("b.yaml", deployment("auth-service"));

        assertRejected(dir.resolve("b.yaml") + ":3:18: duplicate workload Deployment/default/auth-service (first at "
                + dir.resolve("a.yaml") + ":3:18)", dir.toString(), "--max-connections", "100");
    }

    @Test
    void twoWorkloadsOfOneServiceAreDuplicatesToo() throws IOException {
        write("a.yaml", deployment("auth-service"));
        write("b.yaml", deployment("auth-canary").replace("metadata: {name: auth-canary}",
                "metadata: {name: auth-canary, labels: {app.kubernetes.io/name: auth-service}}"));

        DbpoolCli.Result result = assertRejected(dir.resolve("b.yaml") + ":3:18: duplicate workload: Deployment "
                + "'auth-canary' is service 'auth-service' again", dir.toString(), "--max-connections", "100");
        assertThat(result.err()).contains("give one of them its own label app.kubernetes.io/name");
    }

    @Test
    void yamlThatIsNotKubernetesAmongManifestsIsRefused() throws IOException {
        write("a.yaml", deployment("auth-service") + "---\nname: not-an-object\nreplicas: 3\n");

        assertRejected(dir.resolve("a.yaml") + ":6:1: not a Kubernetes object: expected 'apiVersion' and 'kind'",
                dir.toString(), "--max-connections", "100");
    }

    @Test
    void aSingleFileThatIsNeitherIsRefused() throws IOException {
        Path file = write("values.yaml", "image: {repository: nginx, tag: latest}\nreplicaCount: 3\n");

        assertRejected(file + ":1:1: neither a services file (with 'services:') nor a Kubernetes manifest "
                + "(with 'apiVersion' and 'kind')", file.toString());
    }

    @Test
    void aServiceOnAnUnknownDatabaseIsRefused() throws IOException {
        Path file = write("services.yaml", """
                databases:
                  main: {max_connections: 100}
                services:
                  auth-service:
                    database: mian
                """);

        assertRejected(file + ":5:15: auth-service.database: unknown database 'mian'; did you mean 'main'?", file.toString());
    }

    @Test
    void anUnknownPgBouncerKeyIsRefusedWithTheClosestKey() throws IOException {
        Path ini = write("pgbouncer.ini", "[pgbouncer]\npool_mode = transaction\ndefualt_pool_size = 20\n");

        assertRejected(ini + ":3:1: unknown key 'defualt_pool_size' in [pgbouncer]; did you mean 'default_pool_size'?",
                "../examples/services.yaml", "--pgbouncer", ini.toString());
    }

    @Test
    void aBadPgBouncerValueIsRefused() throws IOException {
        Path ini = write("pgbouncer.ini", "[pgbouncer]\npool_mode = sessions\n");

        assertRejected(ini + ":2:13: [pgbouncer] pool_mode must be one of session, transaction, statement, got 'sessions'",
                "../examples/services.yaml", "--pgbouncer", ini.toString());
    }

    @Test
    void anUnknownPgBouncerKeyInServicesYamlIsRefused() throws IOException {
        Path file = write("services.yaml", """
                database:
                  max_connections: 100
                  pgbouncer: {max_client_conns: 500}
                services:
                  auth-service:
                """);

        assertRejected(file + ":3:15: unknown key 'max_client_conns' in 'database.pgbouncer'; did you mean "
                + "'max_client_conn'?", file.toString());
    }

    @Test
    void aPgBouncerFileWithSeveralDatabasesIsUsage() {
        assertRejected("../examples/services-databases.yaml: has 2 databases: a PgBouncer file applies to one",
                "../examples/services-databases.yaml", "--pgbouncer", "../examples/pgbouncer/pgbouncer.ini");
    }

    @Test
    void aMaxWaitProbabilityOutsideZeroToOneIsUsage() {
        assertRejected("dbpool: --max-wait-probability must be above 0 and below 1, got 1.0",
                "--presets", "--max-wait-probability", "1");
    }

    private static String deployment(String name) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\n"
                + "spec: {template: {spec: {containers: [{name: app}]}}}\n";
    }

    /** Runs {@code dbpool plan args...}: exit 2, nothing on stdout, the message first on stderr, no stack trace. */
    private static DbpoolCli.Result assertRejected(String expectedStart, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "plan";
        System.arraycopy(args, 0, all, 1, args.length);
        DbpoolCli.Result result = DbpoolCli.runCaptured(all);

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith(expectedStart);
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
        return result;
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
