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

/** Manifests: every database client counted, or named in the notes; never left out silently. */
class EveryDatabaseClientTest {

    @TempDir
    Path dir;

    private static final PlanOptions BUDGET_400 = PlanOptions.defaults()
            .withFallbackBudget(OptionalInt.of(400), OptionalInt.empty());

    @Test
    void eachContainerWithDatabaseSettingsIsAPoolOfItsOwn() throws IOException {
        write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders, namespace: prod}
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: api
                          env: [{name: DB_MAX_CONNECTIONS, value: "10"}]
                        - name: outbox-relay
                          env: [{name: DB_MAX_CONNECTIONS, value: "4"}]
                        - name: envoy
                """);

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.services()).extracting(ServicePlan::name, ServicePlan::maxConnections, ServicePlan::replicas)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("orders/api", 10, 3),
                        org.assertj.core.groups.Tuple.tuple("orders/outbox-relay", 4, 3));
        assertThat(plan.evaluate(BUDGET_400).totalAllocated()).isEqualTo(3 * (10 + 4));
    }

    @Test
    void aSidecarInitContainerCountsAndAnInitContainerIsNamed() throws IOException {
        write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: orders}
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: migrate
                          env: [{name: DATABASE_URL, value: "postgres://migrator@db/app"}]
                        - name: cache-warmer
                          restartPolicy: Always
                          env: [{name: DB_MAX_CONNECTIONS, value: "2"}]
                      containers:
                        - name: api
                          env: [{name: DB_MAX_CONNECTIONS, value: "8"}]
                """);

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("orders/cache-warmer", "orders/api");
        assertThat(plan.notes()).anyMatch(n -> n.contains("init container 'migrate' sets database variables and is not counted"));
    }

    @Test
    void rolloutsPodsReplicaSetsAndJobsAreCounted() throws IOException {
        write(workload("argoproj.io/v1alpha1", "Rollout", "checkout", "replicas: 4\n  strategy: {canary: {maxSurge: 2}}")
                + "---\n" + workload("argoproj.io/v1alpha1", "Rollout", "payments", "replicas: 2\n  strategy: {blueGreen: {activeService: p}}")
                + "---\n" + pod("debug-shell")
                + "---\n" + workload("apps/v1", "ReplicaSet", "legacy", "replicas: 2")
                + "---\n" + workload("batch/v1", "Job", "backfill", "parallelism: 5\n  completions: 3"));

        PlanResult worst = FleetPlan.load(dir).evaluate(BUDGET_400.withWorstCase(true));

        assertThat(worst.services()).extracting(ServiceAllocation::name, ServiceAllocation::replicas)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("checkout", 4 + 2),
                        org.assertj.core.groups.Tuple.tuple("payments", 2 + 2),
                        org.assertj.core.groups.Tuple.tuple("debug-shell", 1),
                        org.assertj.core.groups.Tuple.tuple("legacy", 2),
                        org.assertj.core.groups.Tuple.tuple("backfill", 3));
    }

    @Test
    void aReplicaSetOwnedByADeploymentInTheInputIsCountedOnce() throws IOException {
        write(workload("apps/v1", "Deployment", "web", "replicas: 2")
                + "---\n" + workload("apps/v1", "ReplicaSet", "web-5d4f", "replicas: 2").replace("metadata: {name: web-5d4f}",
                "metadata: {name: web-5d4f, ownerReferences: [{kind: Deployment, name: web, controller: true}]}"));

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.services()).extracting(ServicePlan::name).containsExactly("web");
    }

    @Test
    void aCronJobThatAllowsOverlapCountsTwoRunsInTheWorstCase() throws IOException {
        write(cronJob("report", "concurrencyPolicy: Allow") + "---\n" + cronJob("sync", "concurrencyPolicy: Forbid")
                + "---\n" + cronJob("paused", "suspend: true"));

        FleetPlan plan = FleetPlan.load(dir);
        PlanResult worst = plan.evaluate(BUDGET_400.withWorstCase(true));

        assertThat(worst.services()).extracting(ServiceAllocation::name, ServiceAllocation::replicas)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("report", 4),
                        org.assertj.core.groups.Tuple.tuple("sync", 2));
        assertThat(plan.notes()).anyMatch(n -> n.contains("CronJob 'paused' is not counted: it is suspended"));
    }

    @Test
    void aDaemonSetIsCountedPerNodeOrNamed() throws IOException {
        write(workload("apps/v1", "DaemonSet", "log-shipper", "updateStrategy: {rollingUpdate: {maxSurge: 10%}}")
                + "---\n" + workload("apps/v1", "Deployment", "web", "replicas: 1"));

        FleetPlan without = FleetPlan.load(List.of(dir));
        FleetPlan with = FleetPlan.load(List.of(dir), OptionalInt.of(40));

        assertThat(without.service("log-shipper")).isEmpty();
        assertThat(without.notes()).anyMatch(n -> n.contains("DaemonSet 'log-shipper' is not counted")
                && n.contains("--nodes N"));
        assertThat(with.service("log-shipper").orElseThrow().replicas()).isEqualTo(40);
        assertThat(with.evaluate(BUDGET_400.withWorstCase(true)).service("log-shipper").orElseThrow().replicas())
                .isEqualTo(40 + 4);
    }

    @Test
    void aKedaScaledObjectGivesTheCeiling() throws IOException {
        write(workload("apps/v1", "Deployment", "worker", "replicas: 2") + """
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: worker-scaler}
                spec:
                  scaleTargetRef: {name: worker}
                  minReplicaCount: 1
                  maxReplicaCount: 30
                """);

        ServicePlan worker = FleetPlan.load(dir).service("worker").orElseThrow();

        assertThat(worker.replicas()).isEqualTo(2);
        assertThat(worker.maxReplicas()).isEqualTo(30);
    }

    @Test
    void anAutoscalerWhoseCeilingIsBelowItsFloorIsRefused() throws IOException {
        Path file = write(workload("apps/v1", "Deployment", "web", "replicas: 2") + """
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {kind: Deployment, name: web}
                  minReplicas: 5
                  maxReplicas: 2
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":14:16: HorizontalPodAutoscaler web spec.maxReplicas (2) is less "
                + "than spec.minReplicas (5)");
    }

    @Test
    void anythingElseThatSetsDatabaseVariablesIsNamed() throws IOException {
        write(workload("apps/v1", "Deployment", "web", "replicas: 1") + """
                ---
                apiVersion: example.com/v1
                kind: Worker
                metadata: {name: queue-worker}
                spec:
                  pod:
                    containers:
                      - name: w
                        env: [{name: DATABASE_URL, value: "postgres://w@db/app"}]
                """);

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.notes()).anyMatch(n -> n.contains("Worker 'queue-worker' sets database variables and is not "
                + "counted: dbpool does not count Workers"));
    }

    @Test
    void variableReferencesAreExpandedAsTheKubeletDoes() throws IOException {
        write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: billing}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: POOL, value: "12"}
                            - {name: DB_MAX_CONNECTIONS, value: "$(POOL)"}
                            - {name: DB_USER, value: billing}
                            - {name: DATABASE_URL, value: "postgres://$(DB_USER)@db:5432/app?options=$$(kept)"}
                            - {name: DB_MIN_CONNECTIONS, value: "$(LATER)"}
                            - {name: LATER, value: "1"}
                """);

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(dir));

        // $(LATER) is defined after it: Kubernetes leaves the text as written, and the runtime refuses it.
        assertThat(e.getMessage()).endsWith("DB_MIN_CONNECTIONS must be a non-negative integer, got '$(LATER)'");
    }

    @Test
    void aReferenceToAnEarlierVariableSizesThePoolAndNamesTheUser() throws IOException {
        write("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: billing}
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - {name: POOL, value: "12"}
                            - {name: DB_MAX_CONNECTIONS, value: "$(POOL)"}
                            - {name: DB_USER, value: billing}
                            - {name: DATABASE_URL, value: "postgres://$(DB_USER)@db:5432/app"}
                """);

        ServicePlan billing = FleetPlan.load(dir).service("billing").orElseThrow();

        assertThat(billing.maxConnections()).isEqualTo(12);
        assertThat(billing.user()).contains("billing");
    }

    @Test
    void anAdmissionPolicyThePodWouldRefuseIsAnErrorAtTheVariable() throws IOException {
        Path file = write(workloadWithEnv("web", "{name: DB_POOL_BACKPRESSURE_POLICY, value: fifo}"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.line()).isEqualTo(9);
        assertThat(e.getMessage()).contains("DB_POOL_BACKPRESSURE_POLICY").contains("fifo");
    }

    @Test
    void aPolicyParameterWithAUnitIsAnErrorAtTheVariable() throws IOException {
        Path file = write(workloadWithEnv("web", "{name: DB_POOL_CODEL_TARGET_MS, value: 5ms}"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.line()).isEqualTo(9);
        assertThat(e.getMessage()).contains("DB_POOL_CODEL_TARGET_MS must be a positive integer (milliseconds), got '5ms'");
    }

    @Test
    void aPoolVariableTheRuntimeDoesNotReadIsNoted() throws IOException {
        write(workloadWithEnv("web", "{name: DB_POOL_BACKPRESURE_POLICY, value: codel}"));

        FleetPlan plan = FleetPlan.load(dir);

        assertThat(plan.notes()).anyMatch(n -> n.contains("DB_POOL_BACKPRESURE_POLICY is not a variable the runtime "
                + "reads; did you mean DB_POOL_BACKPRESSURE_POLICY?"));
    }

    @Test
    void aSecretThatIsNotBase64IsAnErrorWithoutItsLine() throws IOException {
        Path file = write("""
                apiVersion: v1
                kind: Secret
                metadata: {name: db}
                data:
                  DATABASE_URL: postgres://app:NotBase64Secret@db/app
                ---
                """ + workloadWithEnv("web", "{name: DATABASE_URL, valueFrom: {secretKeyRef: {name: db, key: DATABASE_URL}}}"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":5:17: Secret db data.DATABASE_URL is not base64: a Secret's data "
                + "holds base64 values (put plain text under stringData instead)");
        assertThat(e.excerpt()).isEmpty();
    }

    @Test
    void aServiceNameWithControlCharactersIsRefused() throws IOException {
        Path file = write(workload("apps/v1", "Deployment", "web", "replicas: 1")
                .replace("metadata: {name: web}", "metadata: {name: \"web\\nDROP\"}"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).contains("has control characters; a service or container name must be printable");
    }

    @Test
    void replicasPastKubernetesLimitAreRefusedWithTheBound() throws IOException {
        Path file = write(workload("apps/v1", "Deployment", "web", "replicas: 2147483647"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).endsWith("spec.replicas must be at most 150000 (Kubernetes' limit of pods in a cluster), "
                + "got 2147483647");
    }

    @Test
    void aSurgePastTheLimitIsRefusedInsteadOfWrappingAround() throws IOException {
        Path file = write(workload("apps/v1", "Deployment", "web",
                "replicas: 100000\n  strategy: {rollingUpdate: {maxSurge: 100%}}"));

        PlanException e = catchThrowableOfType(PlanException.class, () -> FleetPlan.load(file));

        assertThat(e.getMessage()).contains("runs up to 200000 pods").contains("at most 150000");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("fleet.yaml"), text);
    }

    /** A workload of {@code kind} whose one container sets DB_MAX_CONNECTIONS 4; {@code spec} is spliced in. */
    private static String workload(String apiVersion, String kind, String name, String spec) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name + "}\nspec:\n  " + spec
                + "\n  template: {spec: {containers: [{name: app, env: [{name: DB_MAX_CONNECTIONS, value: \"4\"}]}]}}\n";
    }

    private static String workloadWithEnv(String name, String envEntry) {
        return "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + "}\nspec:\n  template:\n    spec:\n"
                + "      containers:\n        - name: app\n          env: [" + envEntry + "]\n";
    }

    private static String pod(String name) {
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\nspec:\n"
                + "  containers: [{name: sh, env: [{name: DB_MAX_CONNECTIONS, value: \"1\"}]}]\n";
    }

    private static String cronJob(String name, String policy) {
        return "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: " + name + "}\nspec:\n  schedule: '*/5 * * * *'\n  "
                + policy + "\n  jobTemplate:\n    spec:\n      parallelism: 2\n      template:\n        spec:\n"
                + "          containers: [{name: run, env: [{name: DB_MAX_CONNECTIONS, value: \"3\"}]}]\n";
    }
}
