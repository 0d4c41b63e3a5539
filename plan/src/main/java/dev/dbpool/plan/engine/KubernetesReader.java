package dev.dbpool.plan.engine;

import dev.dbpool.plan.DatabasePlan;
import dev.dbpool.plan.FleetPlan;
import dev.dbpool.plan.PlanException;
import dev.dbpool.plan.ServicePlan;
import dev.dbpool.plan.SourcePosition;
import dev.dbpool.plan.Surge;
import dev.dbpool.plan.Traffic;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.Parameters;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.ServicePreset;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Kubernetes manifests as a fleet (DESIGN §3, "Plan as deployed"):
 * <ul>
 *   <li>a Deployment or StatefulSet is a database client when a container sets {@code DATABASE_URL} or a
 *       {@code DB_*} variable, or its service name is a preset; the others are listed in the notes;</li>
 *   <li>its service name is the label {@code app.kubernetes.io/name} of the workload, else of its pod
 *       template, else {@code metadata.name};</li>
 *   <li>its pool is what {@link DbConfig#fromEnv(String, Map)} makes of the container's environment
 *       ({@link ContainerEnv}): the runtime's own parsing, so plan and pods agree; a bad value is an
 *       error at the variable's position;</li>
 *   <li>replicas = {@code spec.replicas} (default 1); max_replicas = the {@code maxReplicas} of the
 *       HorizontalPodAutoscaler whose {@code scaleTargetRef} names it; the surge is {@code maxSurge} of a
 *       RollingUpdate Deployment (default 25%), 0 for {@code Recreate} and StatefulSets;</li>
 *   <li>optional annotations {@code dbpool.dev/peak-qps} and {@code dbpool.dev/hold-ms} give the traffic
 *       figures, and {@code DB_POOL_BACKPRESSURE_THRESHOLD} the threshold, for the sizing advice.</li>
 * </ul>
 */
final class KubernetesReader {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PEAK_QPS_ANNOTATION = "dbpool.dev/peak-qps";
    static final String HOLD_MS_ANNOTATION = "dbpool.dev/hold-ms";
    static final List<String> WORKLOADS = List.of("Deployment", "StatefulSet");
    static final List<String> NOT_PLANNED = List.of("DaemonSet", "Job", "CronJob", "ReplicaSet", "Pod");
    static final String HPA = "HorizontalPodAutoscaler";

    private final List<KubernetesObject> objects;
    private final List<String> notes = new ArrayList<>();

    private KubernetesReader(List<KubernetesObject> objects) {
        this.objects = objects;
    }

    static FleetPlan read(String sourceName, List<KubernetesObject> objects) {
        return new KubernetesReader(objects).read(sourceName);
    }

    private FleetPlan read(String sourceName) {
        ContainerEnv env = new ContainerEnv(index("ConfigMap"), index("Secret"));
        Map<String, Autoscaler> autoscalers = autoscalers();
        Map<String, KubernetesObject> seenWorkloads = new HashMap<>();
        Map<String, ServicePlan> services = new LinkedHashMap<>();
        for (KubernetesObject object : objects) {
            if (NOT_PLANNED.contains(object.kind())) {
                notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name()
                        + "' is not planned: only Deployments and StatefulSets are counted");
                continue;
            }
            if (!WORKLOADS.contains(object.kind())) {
                continue;
            }
            KubernetesObject first = seenWorkloads.putIfAbsent(object.id(), object);
            if (first != null) {
                throw object.position().error("duplicate workload " + object.id() + " (first at " + first.position().describe() + ")");
            }
            Autoscaler autoscaler = autoscalers.get(object.namespace() + "/" + object.kind() + "/" + object.name());
            if (autoscaler != null) {
                autoscaler.used = true; // its target is here, database or not
            }
            workload(object, env, autoscalers).ifPresent(service -> {
                ServicePlan earlier = services.get(service.name());
                if (earlier != null) {
                    throw service.source().orElseThrow().error("duplicate workload: " + object.kind() + " '" + object.name()
                            + "' is service '" + service.name() + "' again (first: " + earlier.workload().orElse("")
                            + " at " + earlier.source().map(SourcePosition::describe).orElse("?")
                            + "); give one of them its own label " + NAME_LABEL);
                }
                services.put(service.name(), service);
            });
        }
        autoscalers.values().stream().filter(a -> !a.used).forEach(a -> notes.add(a.position.describe()
                + ": HorizontalPodAutoscaler '" + a.name + "' scales " + a.targetKind + " '" + a.targetName
                + "', which is not in the input: ignored"));
        if (services.isEmpty()) {
            throw PlanException.inFile(sourceName, "no database clients: no Deployment or StatefulSet sets DATABASE_URL or "
                    + "a DB_* variable or is named like a preset");
        }
        return new FleetPlan(sourceName, List.of(DatabasePlan.unsized(sourceName)), List.copyOf(services.values()), notes);
    }

    private Optional<ServicePlan> workload(KubernetesObject object, ContainerEnv env, Map<String, Autoscaler> autoscalers) {
        PositionedYaml yaml = object.yaml();
        String service = label(object, "metadata", "labels")
                .or(() -> label(object, "spec", "template", "metadata", "labels"))
                .orElse(object.name());
        List<Node> containers = object.at("spec", "template", "spec", "containers")
                .map(n -> yaml.list(n, object.kind() + " spec.template.spec.containers")).orElse(List.of());
        Map<String, ContainerEnv.Variable> variables = null;
        for (Node container : containers) {
            Map<String, ContainerEnv.Variable> candidate = env.resolve(object, container);
            if (candidate.keySet().stream().anyMatch(KubernetesReader::isDatabaseVariable)) {
                variables = candidate; // the container that talks to the database
                break;
            }
        }
        boolean preset = ServicePreset.find(service).isPresent();
        if (variables == null && !preset) {
            notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name()
                    + "' sets no DATABASE_URL or DB_* variable and is not a preset: no database, not counted");
            return Optional.empty();
        }
        if (variables == null) {
            variables = Map.of();
        }
        DbConfig config = poolConfig(object, service, variables);
        noteUnknownValues(object, service, variables, config);

        int replicas = object.at("spec", "replicas").map(n -> yaml.wholeNumber(n, object.kind() + " " + object.name()
                + " spec.replicas", 0)).orElse(1);
        Autoscaler autoscaler = autoscalers.get(object.namespace() + "/" + object.kind() + "/" + object.name());
        if (replicas == 0 && autoscaler == null) {
            notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name()
                    + "' has replicas: 0 and no autoscaler: not counted");
            return Optional.empty();
        }
        int counted = Math.max(1, replicas);
        int maxReplicas = counted;
        if (autoscaler != null) {
            counted = Math.max(counted, autoscaler.minReplicas);
            maxReplicas = Math.max(counted, autoscaler.maxReplicas);
        }
        Map<String, String> known = knownValues(variables);
        // Every admission variable is checked as the runtime would check it at start-up; the threshold,
        // when set, also sizes the Little's-law advice.
        checked(object, service, variables, () -> BackpressureConfig.fromEnv(known));
        OptionalDouble threshold = known.containsKey(BackpressureConfig.ENV_THRESHOLD)
                ? OptionalDouble.of(ThresholdSettings.from(Parameters.of(known::get)).threshold())
                : OptionalDouble.empty();
        Optional<String> user = known.containsKey("DATABASE_URL")
                ? Optional.ofNullable(config.parsedDatabaseUrl().user()) : Optional.empty();
        return Optional.of(new ServicePlan(service, preset, counted, maxReplicas, config.maxConnections(),
                config.minConnections(), traffic(object), threshold, DatabasePlan.DEFAULT_NAME, user,
                surge(object), Optional.of(object.position()), Optional.of(object.id())));
    }

    static boolean isDatabaseVariable(String name) {
        return name.equals("DATABASE_URL") || name.startsWith("DB_");
    }

    private static Map<String, String> knownValues(Map<String, ContainerEnv.Variable> variables) {
        Map<String, String> known = new HashMap<>();
        variables.values().forEach(v -> v.value().ifPresent(value -> known.put(v.name(), value)));
        return known;
    }

    /** The runtime's {@code DbConfig.fromEnv}, its error positioned at the variable it names. */
    private static DbConfig poolConfig(KubernetesObject object, String service, Map<String, ContainerEnv.Variable> variables) {
        Map<String, String> known = knownValues(variables);
        return checked(object, service, variables, () -> DbConfig.fromEnv(service, known));
    }

    private static <T> T checked(KubernetesObject object, String service, Map<String, ContainerEnv.Variable> variables,
                                 java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidConfigException e) {
            String message = e.getMessage();
            ContainerEnv.Variable named = null;
            int at = Integer.MAX_VALUE;
            for (ContainerEnv.Variable v : variables.values()) {
                int i = message.indexOf(v.name());
                if (v.value().isPresent() && i >= 0 && i < at) {
                    named = v;
                    at = i;
                }
            }
            SourcePosition position = named != null ? named.position() : object.position();
            throw position.error(service + " (" + object.id() + "): " + DatabaseUrl.mask(message));
        }
    }

    private void noteUnknownValues(KubernetesObject object, String service, Map<String, ContainerEnv.Variable> variables,
                                   DbConfig config) {
        for (ContainerEnv.Variable v : variables.values()) {
            if (v.unknownBecause().isEmpty()) {
                continue;
            }
            boolean sizing = v.name().equals("DB_MAX_CONNECTIONS") || v.name().equals("DB_MIN_CONNECTIONS");
            boolean envFrom = v.name().startsWith("envFrom ");
            if (!sizing && !envFrom && !v.unknownBecause().get().contains("ConfigMap")) {
                continue; // a DATABASE_URL from a Secret is how it should be; nothing to say
            }
            String counted = "counted at " + (ServicePreset.find(service).isPresent() ? "the preset" : "the default")
                    + " (max " + config.maxConnections() + ", min " + config.minConnections() + ")";
            notes.add(v.position().describe() + ": " + service + ": " + (envFrom ? v.unknownBecause().get()
                    : v.name() + " is unknown: " + v.unknownBecause().get()) + "; " + counted
                    + (envFrom ? " unless env sets it" : ""));
        }
    }

    private Optional<String> label(KubernetesObject object, String... path) {
        return object.at(path).flatMap(labels -> PositionedYaml.child(labels, NAME_LABEL))
                .map(n -> object.yaml().text(n, NAME_LABEL)).filter(s -> !s.isBlank());
    }

    private static Surge surge(KubernetesObject object) {
        if (!object.kind().equals("Deployment")) {
            return Surge.NONE;
        }
        PositionedYaml yaml = object.yaml();
        String type = object.at("spec", "strategy", "type").map(n -> yaml.text(n, "spec.strategy.type")).orElse("RollingUpdate");
        if (type.equals("Recreate")) {
            return Surge.NONE;
        }
        Optional<Node> maxSurge = object.at("spec", "strategy", "rollingUpdate", "maxSurge");
        if (maxSurge.isEmpty()) {
            return Surge.KUBERNETES_DEFAULT;
        }
        Node node = maxSurge.get();
        String text = yaml.text(node, "maxSurge").strip();
        String label = object.id() + " spec.strategy.rollingUpdate.maxSurge";
        if (text.endsWith("%")) {
            try {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1));
                if (percent >= 0) {
                    return Surge.percentOf(percent);
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw yaml.source().error(node, label + " must be a whole number or a percentage like 25%, got '" + text + "'");
        }
        if (node instanceof ScalarNode && text.matches("[0-9]+")) {
            return Surge.pods(yaml.wholeNumber(node, label, 0));
        }
        throw yaml.source().error(node, label + " must be a whole number or a percentage like 25%, got '" + text + "'");
    }

    private static Optional<Traffic> traffic(KubernetesObject object) {
        Optional<Node> qps = object.at("metadata", "annotations").flatMap(a -> PositionedYaml.child(a, PEAK_QPS_ANNOTATION));
        Optional<Node> hold = object.at("metadata", "annotations").flatMap(a -> PositionedYaml.child(a, HOLD_MS_ANNOTATION));
        if (qps.isEmpty() || hold.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Traffic(positive(object, qps.get(), PEAK_QPS_ANNOTATION),
                positive(object, hold.get(), HOLD_MS_ANNOTATION)));
    }

    private static BigDecimal positive(KubernetesObject object, Node node, String label) {
        String text = object.yaml().text(node, label).strip();
        try {
            BigDecimal value = new BigDecimal(text);
            if (value.signum() > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw object.yaml().source().error(node, object.id() + " annotation " + label + " must be a positive number, got '"
                + text + "'");
    }

    private Map<String, KubernetesObject> index(String kind) {
        Map<String, KubernetesObject> index = new HashMap<>();
        objects.stream().filter(o -> o.kind().equals(kind)).forEach(o -> index.put(o.namespace() + "/" + o.name(), o));
        return index;
    }

    /** An autoscaler, by {@code namespace/kind/name} of its target. */
    private static final class Autoscaler {
        final String name;
        final String targetKind;
        final String targetName;
        final int minReplicas;
        final int maxReplicas;
        final SourcePosition position;
        boolean used;

        Autoscaler(String name, String targetKind, String targetName, int minReplicas, int maxReplicas,
                   SourcePosition position) {
            this.name = name;
            this.targetKind = targetKind;
            this.targetName = targetName;
            this.minReplicas = minReplicas;
            this.maxReplicas = maxReplicas;
            this.position = position;
        }
    }

    private Map<String, Autoscaler> autoscalers() {
        Map<String, Autoscaler> byTarget = new HashMap<>();
        for (KubernetesObject hpa : objects) {
            if (!hpa.kind().equals(HPA)) {
                continue;
            }
            PositionedYaml yaml = hpa.yaml();
            String label = HPA + " " + hpa.name();
            Node ref = hpa.at("spec", "scaleTargetRef")
                    .orElseThrow(() -> yaml.source().error(hpa.node(), label + " has no spec.scaleTargetRef"));
            String kind = PositionedYaml.child(ref, "kind").map(n -> yaml.text(n, "scaleTargetRef.kind")).orElse("Deployment");
            String name = PositionedYaml.child(ref, "name").map(n -> yaml.text(n, "scaleTargetRef.name"))
                    .orElseThrow(() -> yaml.source().error(ref, label + " spec.scaleTargetRef has no name"));
            Node maxNode = hpa.at("spec", "maxReplicas")
                    .orElseThrow(() -> yaml.source().error(hpa.node(), label + " has no spec.maxReplicas"));
            int max = yaml.wholeNumber(maxNode, label + " spec.maxReplicas", 1);
            int min = hpa.at("spec", "minReplicas").map(n -> yaml.wholeNumber(n, label + " spec.minReplicas", 1)).orElse(1);
            byTarget.put(hpa.namespace() + "/" + kind + "/" + name,
                    new Autoscaler(hpa.name(), kind, name, min, max, hpa.position(ref)));
        }
        return byTarget;
    }
}
