package dev.dbpool.plan;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Kubernetes manifests as a fleet: what counts, how it is named and sized, and what is only noted. */
class KubernetesPlanTest {

    @TempDir
    Path dir;

    private static final PlanOptions BUDGET_400 = PlanOptions.defaults()
            .withFallbackBudget(OptionalInt.of(400), OptionalInt.empty());

    @Test
    void theExampleFleetFitsAt400AndNotAtTheAutoscalersCeiling() {
        FleetPlan plan = FleetPlan.load(Path.of("../examples/k8s"));

        assertThat(plan.evaluate(BUDGET_400).fits()).isTrue();
        assertThat(plan.evaluate(BUDGET_400.withWorstCase(true)).fits()).isFalse();
        assertThat(plan.service("search-service").orElseThrow().maxConnections()).isEqualTo(14); // from its ConfigMap
        assertThat(plan.service("frontend")).isEmpty();
        assertThat(plan.notes()).anyMatch(n -> n.contains("Deployment 'frontend' sets no DATABASE_URL"));
    }

    @Test
    void planCountsRollingUpdateSurge() throws IOException {
        write("fleet.yaml", deployment("auth-service", "replicas: 4", "strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 50%}}")
                + "---\n" + deployment("user-service", "replicas: 3", "") // default 25%: ceil(0.75) = 1
                + "---\n" + deployment("feed-service", "replicas: 2", "strategy: {rollingUpdate: {maxSurge: 3}}")
                + "---\n" + deployment("cdn-service", "replicas: 2", "strategy: {type: Recreate}")
                + "---\n" + deployment("media-service", "replicas: 2", "").replace("kind: Deployment", "kind: StatefulSet"));

        PlanResult normal = FleetPlan.load(dir).evaluate(BUDGET_400);
        PlanResult worst = FleetPlan.load(dir).evaluate(BUDGET_400.withWorstCase(true));

        assertThat(normal.service("auth-service").orElseThrow().replicas()).isEqualTo(4);
        assertThat(worst.services()).extracting(ServiceAllocation::name, ServiceAllocation::surge, ServiceAllocation::replicas)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("auth-service", 2, 6),
                        org.assertj.core.groups.Tuple.tuple("user-service", 1, 4),
                        org.assertj.core.groups.Tuple.tuple("feed-service", 3, 5),
                        org.assertj.core.groups.Tuple.tuple("cdn-service", 0, 2),
                        org.assertj.core.groups.Tuple.tuple("media-service", 0, 2));
        assertThat(worst.service("auth-service").orElseThrow().allocated()).isEqualTo(16 * 6);
    }

    @Test
    void maxReplicasComeFromTheAutoscalerThatTargetsTheWorkload() throws IOException {
        write("a.yaml", deployment("auth-service", "replicas: 3", "strategy: {type: Recreate}"));
        write("hpa.yaml", """
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: autoscaling/v2
                    kind: HorizontalPodAutoscaler
                    metadata: {name: auth, namespace: prod}
                    spec:
                      scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: auth-service}
                      minReplicas: 3
                      maxReplicas: 9
                """);

        ServicePlan auth = FleetPlan.load(dir).service("auth-service").orElseThrow();

        assertThat(auth.replicas()).isEqualTo(3);
        assertThat(auth.maxReplicas()).isEqualTo(9);
    }

    @Test
    void theServiceNameIsTheNameLabelOfTheWorkloadThenOfItsPodsThenItsName() throws IOException {
        write("a.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-v2, namespace: prod, labels: {app.kubernetes.io/name: auth-service}}
                spec: {template: {spec: {containers: [{name: app}]}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: users, namespace: prod}
                spec: {template: {metadata: {labels: {app.kubernetes.io/name: user-service}}, spec: {containers: [{name: app}]}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: billing-service, namespace: prod}
                spec: {template: {spec: {containers: [{name: app, env: [{name: DB_MAX_CONNECTIONS, value: "6"}]}]}}}
                """);

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.services()).extracting(ServicePlan::name)
                .containsExactly("auth-service", "user-service", "billing-service");
        assertThat(plan.service("billing-service").orElseThrow().maxConnections()).isEqualTo(6);
        assertThat(plan.service("billing-service").orElseThrow().minConnections()).isEqualTo(1); // DbConfig's default
    }

    @Test
    void envWinsOverEnvFromAndConfigMapKeysAreResolved() throws IOException {
        write("a.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: pools, namespace: prod}
                data: {DB_MAX_CONNECTIONS: "30", DB_MIN_CONNECTIONS: "4", FEED_MAX: "9"}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service, namespace: prod}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          envFrom: [{configMapRef: {name: pools}}]
                          env: [{name: DB_MAX_CONNECTIONS, value: "20"}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: feed-service, namespace: prod}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: DB_MAX_CONNECTIONS
                              valueFrom: {configMapKeyRef: {name: pools, key: FEED_MAX}}
                """);

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.service("auth-service").orElseThrow().maxConnections()).isEqualTo(20);
        assertThat(plan.service("auth-service").orElseThrow().minConnections()).isEqualTo(4);
        assertThat(plan.service("feed-service").orElseThrow().maxConnections()).isEqualTo(9);
    }

    @Test
    void aConfigMapNotInTheInputIsANoteAndThePresetIsCounted() throws IOException {
        Path file = write("a.yaml", """
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
                              valueFrom: {configMapKeyRef: {name: pool-sizes, key: max}}
                """);

        FleetPlan plan = FleetPlan.load(file);

        assertThat(plan.service("auth-service").orElseThrow().maxConnections()).isEqualTo(16);
        assertThat(plan.notes()).containsExactly(file + ":11:26: auth-service: DB_MAX_CONNECTIONS is unknown: it comes "
                + "from ConfigMap 'pool-sizes', which is not in the input; counted at the preset (max 16, min 5)");
    }

    @Test
    void anAutoscalerWhoseTargetIsMissingIsANote() throws IOException {
        Path file = write("a.yaml", deployment("auth-service", "replicas: 2", "") + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: gone}
                spec:
                  scaleTargetRef: {kind: Deployment, name: old-service}
                  maxReplicas: 5
                """);

        FleetPlan plan = FleetPlan.load(file);

        assertThat(plan.notes()).singleElement().asString()
                .endsWith("HorizontalPodAutoscaler 'gone' scales Deployment 'old-service', which is not in the input: ignored");
        assertThat(plan.service("auth-service").orElseThrow().maxReplicas()).isEqualTo(2);
    }

    @Test
    void aNonIntegerPoolSizeIsAnErrorAtTheVariable() throws IOException {
        Path file = write("a.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: auth-service}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: DB_MAX_CONNECTIONS, value: "lots"}
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":10:49: auth-service (Deployment/default/auth-service): "
                + "DB_MAX_CONNECTIONS must be a positive integer, got 'lots'");
    }

    @Test
    void theUserOfDatabaseUrlSeparatesPgBouncerPools() throws IOException {
        write("a.yaml", deployment("auth-service", "replicas: 1", "")
                .replace("containers: [{name: app}]",
                        "containers: [{name: app, env: [{name: DATABASE_URL, value: 'postgres://auth@pgbouncer:6432/app'}]}]")
                + "---\n" + deployment("user-service", "replicas: 1", ""));
        FleetPlan plan = FleetPlan.load(dir).withPooler(PgBouncerConfig.of("pgbouncer.ini", 100, 20, 5, 0));

        PoolerResult pooler = plan.evaluate(BUDGET_400).database().pooler().orElseThrow();

        assertThat(pooler.users()).containsExactly("auth", "(shared)");
        assertThat(pooler.serverConnections()).isEqualTo(50);
        assertThat(pooler.clientConnections()).isEqualTo(16 + 18);
    }

    @Test
    void withoutABudgetManifestsAskForMaxConnections() throws IOException {
        Path file = write("a.yaml", deployment("auth-service", "replicas: 1", ""));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file).evaluate());

        assertThat(e.getMessage()).contains("give --max-connections N");
    }

    private static String deployment(String name, String replicas, String strategy) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: prod}\nspec:\n  "
                + replicas + "\n" + (strategy.isEmpty() ? "" : "  " + strategy + "\n")
                + "  template: {spec: {containers: [{name: app}]}}\n";
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @SuppressWarnings("unused")
    private static List<String> names(FleetPlan plan) {
        return plan.services().stream().map(ServicePlan::name).toList();
    }
}
