package dev.dbpool.plan;

import dev.dbpool.plan.engine.ClosestMatch;
import dev.dbpool.runtime.BackpressureConfig;
import dev.dbpool.runtime.DatabaseUrl;
import dev.dbpool.runtime.DbConfig;
import dev.dbpool.runtime.ServicePreset;
import dev.dbpool.runtime.admission.ThresholdSettings;
import dev.dbpool.runtime.config.InvalidConfigException;
import dev.dbpool.runtime.config.Parameters;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.dbpool.plan.PlanLimits.MAX_PODS;

/**
 * Kubernetes manifests as a fleet (DESIGN §3, "Plan as deployed"): every database client counted or named.
 * <ul>
 *   <li>a workload ({@link KubernetesWorkload#KINDS}) is a database client when a container sets
 *       {@code DATABASE_URL} or a {@code DB_*} variable, or its service name is a preset; each such
 *       container is a pool of its own, named {@code service/container} when a pod has several;</li>
 *   <li>its service name is the label {@code app.kubernetes.io/name} of the workload, else of its pod
 *       template, else {@code metadata.name};</li>
 *   <li>its pool is what {@link DbConfig#fromEnv(String, Map)} makes of the container's environment
 *       ({@link ContainerEnv}), and {@code DB_POOL_*} goes through {@link BackpressureConfig#fromEnv(Function)}:
 *       the runtime's own parsing, so plan and pods agree; a bad value is an error at the variable's
 *       position, and a {@code DB_POOL_*} variable the runtime does not read is noted;</li>
 *   <li>replicas from the workload ({@link KubernetesWorkload}); max_replicas from the HorizontalPodAutoscaler
 *       or KEDA ScaledObject whose target names it (the largest ceiling when several do);</li>
 *   <li>objects with a controlling owner in the input are counted through the owner; anything that sets a
 *       database variable and is not counted (scaled to 0, a DaemonSet without {@code --nodes}, an
 *       init container, a kind dbpool does not know) is in the notes, never silently left out;</li>
 *   <li>optional annotations {@code dbpool.dev/peak-qps} and {@code dbpool.dev/hold-ms} give the traffic
 *       figures, and {@code DB_POOL_BACKPRESSURE_THRESHOLD} the threshold, for the sizing advice.</li>
 * </ul>
 */
final class KubernetesReader {

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String PEAK_QPS_ANNOTATION = "dbpool.dev/peak-qps";
    static final String HOLD_MS_ANNOTATION = "dbpool.dev/hold-ms";
    static final String HPA = "HorizontalPodAutoscaler";
    static final String KEDA = "ScaledObject";
    /** KEDA's default {@code maxReplicaCount}. */
    static final int KEDA_DEFAULT_MAX = 100;
    private static final String DB_POOL_PREFIX = "DB_POOL_";

    private final List<KubernetesObject> objects;
    private final OptionalInt nodes;
    private final List<String> notes;

    private KubernetesReader(List<KubernetesObject> objects, OptionalInt nodes, List<String> notes) {
        this.objects = objects;
        this.nodes = nodes;
        this.notes = new ArrayList<>(notes);
    }

    /**
     * @param notes what reading the inputs already found worth saying
     * @param nodes the cluster's nodes, for DaemonSets (not counted without it)
     */
    static FleetPlan read(String sourceName, List<KubernetesObject> objects, List<String> notes, OptionalInt nodes) {
        return new KubernetesReader(objects, nodes, notes).read(sourceName);
    }

    private FleetPlan read(String sourceName) {
        ContainerEnv env = new ContainerEnv(index("ConfigMap"), index("Secret"));
        Map<String, Autoscaler> autoscalers = autoscalers();
        Map<String, KubernetesObject> seenWorkloads = new HashMap<>();
        Map<String, ServicePlan> services = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        objects.forEach(o -> ids.add(o.kind() + "/" + o.namespace() + "/" + o.name()));
        Map<String, KubernetesObject> rolloutTemplates = rolloutWorkloadRefs();
        for (KubernetesObject object : objects) {
            if (!KubernetesWorkload.KINDS.contains(object.kind())) {
                if (!isConfiguration(object.kind())) {
                    noteUncounted(object, "dbpool does not count " + object.kind() + "s");
                }
                continue;
            }
            KubernetesObject first = seenWorkloads.putIfAbsent(object.id(), object);
            if (first != null) {
                throw object.position().error("duplicate workload " + object.id() + " (first at " + first.position().describe() + ")");
            }
            Optional<String> owner = controllingOwner(object).filter(ids::contains);
            if (owner.isPresent()) {
                continue; // its pods are its owner's, counted there
            }
            if (rolloutTemplates.containsKey(object.id())) {
                continue; // a Rollout's workloadRef: the Rollout runs its pods
            }
            Autoscaler autoscaler = autoscalers.get(object.namespace() + "/" + object.kind() + "/" + object.name());
            if (autoscaler != null) {
                autoscaler.used = true; // its target is here, database or not
            }
            Optional<KubernetesWorkload> shape = workloadOf(object);
            if (shape.isEmpty()) {
                noteUncounted(object, object.kind() + " '" + object.name() + "' has no pod template");
                continue;
            }
            for (ServicePlan service : workload(object, shape.get(), env, autoscaler)) {
                ServicePlan earlier = services.get(service.name());
                if (earlier != null) {
                    throw service.source().orElseThrow().error("duplicate workload: " + object.kind() + " '" + object.name()
                            + "' is service '" + service.name() + "' again (first: " + earlier.workload().orElse("")
                            + " at " + earlier.source().map(SourcePosition::describe).orElse("?")
                            + "); give one of them its own label " + NAME_LABEL);
                }
                services.put(service.name(), service);
            }
        }
        autoscalers.values().stream().filter(a -> !a.used).forEach(a -> notes.add(a.position.describe()
                + ": " + a.kind + " '" + a.name + "' scales " + a.targetKind + " '" + a.targetName
                + "', which is not in the input: ignored"));
        if (services.isEmpty()) {
            throw PlanException.inFile(sourceName, "no database clients: no workload sets DATABASE_URL or "
                    + "a DB_* variable or is named like a preset" + (notes.isEmpty() ? "" : " (" + notes.size()
                    + (notes.size() == 1 ? " note" : " notes") + ": " + String.join("; ", notes) + ")"));
        }
        return new FleetPlan(sourceName, List.of(DatabasePlan.unsized(sourceName)), List.copyOf(services.values()), notes);
    }

    /** The workload's shape; a Rollout with {@code spec.workloadRef} runs the referred object's pod template. */
    private Optional<KubernetesWorkload> workloadOf(KubernetesObject object) {
        Optional<KubernetesWorkload> shape = KubernetesWorkload.of(object, nodes);
        if (shape.isPresent() || !object.kind().equals("Rollout")) {
            return shape;
        }
        int replicas = rolloutReplicas(object);
        return workloadRef(object).flatMap(ref -> ref.at("spec", "template", "spec")).map(spec -> new KubernetesWorkload(
                spec, List.of("spec", "template", "metadata", "labels"), replicas, replicas, Surge.KUBERNETES_DEFAULT,
                Optional.empty()));
    }

    private static int rolloutReplicas(KubernetesObject rollout) {
        return rollout.at("spec", "replicas").map(n -> rollout.yaml().wholeNumber(n, rollout.id() + " spec.replicas",
                CountRange.PODS_OR_NONE)).orElse(1);
    }

    private Optional<KubernetesObject> workloadRef(KubernetesObject rollout) {
        Optional<Node> ref = rollout.at("spec", "workloadRef");
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        String kind = PositionedYaml.child(ref.get(), "kind").map(n -> rollout.yaml().text(n, "workloadRef.kind"))
                .orElse("Deployment");
        String name = PositionedYaml.child(ref.get(), "name").map(n -> rollout.yaml().text(n, "workloadRef.name")).orElse("");
        return objects.stream().filter(o -> o.kind().equals(kind) && o.name().equals(name)
                && o.namespace().equals(rollout.namespace())).findFirst();
    }

    /** The objects Rollouts take their pod template from, by id. */
    private Map<String, KubernetesObject> rolloutWorkloadRefs() {
        Map<String, KubernetesObject> refs = new HashMap<>();
        objects.stream().filter(o -> o.kind().equals("Rollout"))
                .forEach(r -> workloadRef(r).ifPresent(target -> refs.put(target.id(), r)));
        return refs;
    }

    private static boolean isConfiguration(String kind) {
        return List.of("ConfigMap", "Secret", HPA, KEDA).contains(kind);
    }

    /** {@code Kind/namespace/name} of the owner with {@code controller: true}, if any. */
    private static Optional<String> controllingOwner(KubernetesObject object) {
        Optional<Node> owners = object.at("metadata", "ownerReferences");
        if (owners.isEmpty() || !(owners.get() instanceof SequenceNode list)) {
            return Optional.empty();
        }
        for (Node owner : list.getValue()) {
            boolean controller = PositionedYaml.child(owner, "controller").map(n -> n instanceof ScalarNode s
                    && "true".equals(s.getValue())).orElse(false);
            Optional<String> kind = PositionedYaml.child(owner, "kind").map(n -> object.yaml().text(n, "ownerReferences.kind"));
            Optional<String> name = PositionedYaml.child(owner, "name").map(n -> object.yaml().text(n, "ownerReferences.name"));
            if (controller && kind.isPresent() && name.isPresent()) {
                return Optional.of(kind.get() + "/" + object.namespace() + "/" + name.get());
            }
        }
        return Optional.empty();
    }

    /** Every pool of one workload: one per container that talks to the database. */
    private List<ServicePlan> workload(KubernetesObject object, KubernetesWorkload shape, ContainerEnv env,
                                       Autoscaler autoscaler) {
        String service = label(object, "metadata", "labels")
                .or(() -> label(object, shape.podLabelsPath().toArray(String[]::new)))
                .orElse(object.name());
        checkName(object, service);
        Map<String, Map<String, ContainerEnv.Variable>> clients = new LinkedHashMap<>();
        Map<String, Node> containerNodes = new LinkedHashMap<>();
        for (Node initContainer : collectClients(object, shape.podSpec(), env, clients, containerNodes)) {
            noteInitContainer(object, initContainer, env);
        }
        boolean preset = ServicePreset.find(service).isPresent();
        if (clients.isEmpty() && !preset) {
            notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name()
                    + "' sets no DATABASE_URL or DB_* variable and is not a preset: no database, not counted");
            return List.of();
        }
        if (clients.isEmpty()) {
            clients.put("", Map.of());
        }
        if (shape.notCounted().isPresent()) {
            notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name() + "' is not counted: "
                    + shape.notCounted().get());
            return List.of();
        }
        if (shape.replicas() == 0 && autoscaler == null) {
            notes.add(object.position().describe() + ": " + object.kind() + " '" + object.name()
                    + "' has replicas: 0 and no autoscaler: not counted");
            return List.of();
        }
        int counted = Math.max(1, shape.replicas());
        int maxReplicas = Math.max(counted, shape.maxReplicas());
        if (autoscaler != null) {
            counted = Math.max(counted, autoscaler.minReplicas);
            maxReplicas = Math.max(counted, Math.max(maxReplicas, autoscaler.maxReplicas));
        }
        long worstPods = (long) maxReplicas + shape.surge().podsAt(maxReplicas);
        if (worstPods > MAX_PODS) {
            throw object.position().error(object.id() + " runs up to " + worstPods + " pods (" + maxReplicas
                    + " and a surge of " + shape.surge() + "); the count must be " + PlanLimits.podsBound());
        }
        List<ServicePlan> pools = new ArrayList<>();
        for (Map.Entry<String, Map<String, ContainerEnv.Variable>> client : clients.entrySet()) {
            String name = clients.size() == 1 ? service : service + "/" + client.getKey();
            pools.add(pool(object, name, service, preset, client.getValue(), counted, maxReplicas, shape.surge(),
                    containerNodes.get(client.getKey())));
        }
        return pools;
    }

    /**
     * Puts each container of the pod spec that runs for the pod's life and talks to the database into
     * {@code clients}; returns the init containers that run before them.
     */
    private List<Node> collectClients(KubernetesObject object, Node podSpec, ContainerEnv env,
                                  Map<String, Map<String, ContainerEnv.Variable>> clients, Map<String, Node> nodes) {
        PositionedYaml yaml = object.yaml();
        List<Node> init = PositionedYaml.child(podSpec, "initContainers")
                .map(n -> yaml.list(n, object.kind() + " initContainers")).orElse(List.of());
        List<Node> running = new ArrayList<>();
        // A sidecar (an init container with restartPolicy: Always) runs for the pod's whole life.
        init.stream().filter(c -> PositionedYaml.child(c, "restartPolicy")
                .map(n -> "Always".equals(yaml.text(n, "restartPolicy"))).orElse(false)).forEach(running::add);
        running.addAll(PositionedYaml.child(podSpec, "containers")
                .map(n -> yaml.list(n, object.kind() + " containers")).orElse(List.of()));
        for (Node container : running) {
            Map<String, ContainerEnv.Variable> variables = env.resolve(object, container);
            if (variables.keySet().stream().anyMatch(KubernetesReader::isDatabaseVariable)) {
                String name = PositionedYaml.child(container, "name").map(n -> yaml.text(n, "container name"))
                        .orElse("container-" + (clients.size() + 1));
                checkName(object, name);
                clients.put(name, variables);
                nodes.put(name, container);
            }
        }
        return init.stream().filter(c -> !running.contains(c)).toList();
    }

    private void noteInitContainer(KubernetesObject object, Node container, ContainerEnv env) {
        if (env.resolve(object, container).keySet().stream().anyMatch(KubernetesReader::isDatabaseVariable)) {
            String name = PositionedYaml.child(container, "name").map(n -> object.yaml().text(n, "name")).orElse("?");
            notes.add(object.position(container).describe() + ": " + object.kind() + " '" + object.name()
                    + "' init container '" + name + "' sets database variables and is not counted: it runs to "
                    + "completion before the pod's containers start");
        }
    }

    /** One container's pool. */
    private ServicePlan pool(KubernetesObject object, String name, String service, boolean preset,
                             Map<String, ContainerEnv.Variable> variables, int counted, int maxReplicas, Surge surge,
                             Node container) {
        Map<String, String> known = knownValues(variables);
        Set<String> read = new HashSet<>();
        Function<String, String> recording = variable -> {
            read.add(variable);
            return known.get(variable);
        };
        DbConfig config = checked(object, service, variables, () -> DbConfig.fromEnv(service, recording));
        // Every admission variable is checked as the runtime checks it at start-up.
        checked(object, service, variables, () -> BackpressureConfig.fromEnv(recording));
        checkPoolBounds(object, variables, config);
        noteUnreadPoolVariables(object, service, variables, read);
        noteUnknownValues(object, service, variables, config);
        OptionalDouble threshold = known.containsKey(BackpressureConfig.ENV_THRESHOLD)
                ? OptionalDouble.of(ThresholdSettings.from(Parameters.of(known::get)).threshold()) : OptionalDouble.empty();
        Optional<String> user = known.containsKey("DATABASE_URL")
                ? Optional.ofNullable(config.parsedDatabaseUrl().user()) : Optional.empty();
        SourcePosition position = name.equals(service) || container == null ? object.position() : object.position(container);
        return new ServicePlan(name, preset, counted, maxReplicas, config.maxConnections(), config.minConnections(),
                traffic(object), threshold, DatabasePlan.DEFAULT_NAME, user, surge, Optional.of(position),
                Optional.of(object.id()));
    }

    static boolean isDatabaseVariable(String name) {
        return name.equals("DATABASE_URL") || name.startsWith("DB_");
    }

    private static Map<String, String> knownValues(Map<String, ContainerEnv.Variable> variables) {
        Map<String, String> known = new HashMap<>();
        variables.values().forEach(v -> v.value().ifPresent(value -> known.put(v.name(), value)));
        return known;
    }

    /** The runtime's own parsing; its error positioned at the variable it names, its message masked. */
    private static <T> T checked(KubernetesObject object, String service, Map<String, ContainerEnv.Variable> variables,
                                 Supplier<T> parse) {
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

    /** A pool no server can serve is refused where it is set, before it reaches a sum. */
    private static void checkPoolBounds(KubernetesObject object, Map<String, ContainerEnv.Variable> variables,
                                        DbConfig config) {
        if (config.maxConnections() > PlanLimits.MAX_CONNECTIONS) {
            ContainerEnv.Variable max = variables.get("DB_MAX_CONNECTIONS");
            SourcePosition at = max != null ? max.position() : object.position();
            throw at.error("DB_MAX_CONNECTIONS must be " + PlanLimits.connectionsBound() + ", got '"
                    + config.maxConnections() + "'");
        }
    }

    /** A {@code DB_POOL_*} variable the runtime never asked for is a typo or a setting that does nothing. */
    private void noteUnreadPoolVariables(KubernetesObject object, String service,
                                         Map<String, ContainerEnv.Variable> variables, Set<String> read) {
        List<String> readPool = read.stream().filter(n -> n.startsWith(DB_POOL_PREFIX)).sorted().toList();
        for (ContainerEnv.Variable v : variables.values()) {
            if (v.name().startsWith(DB_POOL_PREFIX) && !read.contains(v.name())) {
                String hint = ClosestMatch.among(v.name(), readPool)
                        .map(n -> "; did you mean " + n + "?").orElse("; it reads " + String.join(", ", readPool));
                notes.add(v.position().describe() + ": " + service + ": " + v.name()
                        + " is not a variable the runtime reads" + hint);
            }
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

    /**
     * An object that is not counted but sets a database variable somewhere (any {@code env} list in it)
     * is named in the notes: it opens connections the plan does not see.
     */
    private void noteUncounted(KubernetesObject object, String why) {
        Optional<Node> env = findDatabaseEnv(object.node(), 0);
        env.ifPresent(n -> notes.add(object.position(n).describe() + ": " + object.kind() + " '" + object.name()
                + "' sets database variables and is not counted: " + why));
    }

    private static Optional<Node> findDatabaseEnv(Node node, int depth) {
        if (depth > 40) {
            return Optional.empty();
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("env")
                        && tuple.getValueNode() instanceof SequenceNode list) {
                    for (Node entry : list.getValue()) {
                        Optional<Node> name = PositionedYaml.child(entry, "name");
                        if (name.isPresent() && name.get() instanceof ScalarNode s && isDatabaseVariable(s.getValue())) {
                            return Optional.of(entry);
                        }
                    }
                }
                Optional<Node> found = findDatabaseEnv(tuple.getValueNode(), depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                Optional<Node> found = findDatabaseEnv(item, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> label(KubernetesObject object, String... path) {
        return object.at(path).flatMap(labels -> PositionedYaml.child(labels, NAME_LABEL))
                .map(n -> object.yaml().text(n, NAME_LABEL)).filter(s -> !s.isBlank());
    }

    /** A name goes into tables, metrics and application_name: printable characters only. */
    private static void checkName(KubernetesObject object, String name) {
        if (name.codePoints().anyMatch(cp -> Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)) {
            throw object.position().error(object.id() + ": the name '" + SourceText.printable(name)
                    + "' has control characters; a service or container name must be printable");
        }
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
            if (value.signum() > 0 && value.compareTo(BigDecimal.valueOf(1, -15)) <= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw object.yaml().source().error(node, object.id() + " annotation " + label
                + " must be a positive number, at most 1e15, got '" + text + "'");
    }

    private Map<String, KubernetesObject> index(String kind) {
        Map<String, KubernetesObject> index = new HashMap<>();
        objects.stream().filter(o -> o.kind().equals(kind)).forEach(o -> index.put(o.namespace() + "/" + o.name(), o));
        return index;
    }

    /** An autoscaler (HorizontalPodAutoscaler or KEDA ScaledObject), by {@code namespace/kind/name} of its target. */
    private static final class Autoscaler {
        final String kind;
        final String name;
        final String targetKind;
        final String targetName;
        final int minReplicas;
        final int maxReplicas;
        final SourcePosition position;
        boolean used;

        Autoscaler(String kind, String name, String targetKind, String targetName, int minReplicas, int maxReplicas,
                   SourcePosition position) {
            this.kind = kind;
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
        for (KubernetesObject scaler : objects) {
            boolean hpa = scaler.kind().equals(HPA);
            if (!hpa && !scaler.kind().equals(KEDA)) {
                continue;
            }
            PositionedYaml yaml = scaler.yaml();
            String label = scaler.kind() + " " + scaler.name();
            Node ref = scaler.at("spec", "scaleTargetRef")
                    .orElseThrow(() -> yaml.source().error(scaler.node(), label + " has no spec.scaleTargetRef"));
            String kind = PositionedYaml.child(ref, "kind").map(n -> yaml.text(n, "scaleTargetRef.kind")).orElse("Deployment");
            String name = PositionedYaml.child(ref, "name").map(n -> yaml.text(n, "scaleTargetRef.name"))
                    .orElseThrow(() -> yaml.source().error(ref, label + " spec.scaleTargetRef has no name"));
            String maxKey = hpa ? "maxReplicas" : "maxReplicaCount";
            String minKey = hpa ? "minReplicas" : "minReplicaCount";
            Optional<Node> maxNode = scaler.at("spec", maxKey);
            if (hpa && maxNode.isEmpty()) {
                throw yaml.source().error(scaler.node(), label + " has no spec.maxReplicas");
            }
            int max = maxNode.map(n -> yaml.wholeNumber(n, label + " spec." + maxKey, CountRange.PODS)).orElse(KEDA_DEFAULT_MAX);
            int min = scaler.at("spec", minKey).map(n -> yaml.wholeNumber(n, label + " spec." + minKey,
                    hpa ? CountRange.PODS : CountRange.PODS_OR_NONE)).orElse(hpa ? 1 : 0);
            if (max < min) {
                throw yaml.source().error(maxNode.orElse(scaler.node()), label + " spec." + maxKey + " (" + max
                        + ") is less than spec." + minKey + " (" + min + ")");
            }
            String target = scaler.namespace() + "/" + kind + "/" + name;
            Autoscaler found = new Autoscaler(scaler.kind(), scaler.name(), kind, name, min, max, scaler.position(ref));
            Autoscaler other = byTarget.get(target);
            if (other != null) {
                notes.add(found.position.describe() + ": " + kind + " '" + name + "' has two autoscalers ("
                        + other.kind + " '" + other.name + "', " + found.kind + " '" + found.name
                        + "'): the larger ceiling is counted");
                if (other.maxReplicas >= found.maxReplicas) {
                    continue;
                }
            }
            byTarget.put(target, found);
        }
        return byTarget;
    }
}
