package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a kind of Kubernetes object runs: where its pod spec and pod labels are, how many pods it keeps
 * (normally, and at most without an autoscaler), and how many more a rollout adds. One place for the
 * kinds dbpool counts:
 * <ul>
 *   <li>Deployment: {@code spec.replicas} (default 1); a RollingUpdate adds {@code maxSurge} (default 25%),
 *       Recreate none;</li>
 *   <li>StatefulSet, ReplicaSet: {@code spec.replicas}, no surge (one pod replaced at a time);</li>
 *   <li>Rollout (Argo Rollouts): {@code spec.replicas}; a canary adds {@code maxSurge} (default 25%), a
 *       blue-green runs a full preview set beside the active one (100%);</li>
 *   <li>Pod: one;</li>
 *   <li>Job: {@code parallelism} pods at once (default 1, at most {@code completions});</li>
 *   <li>CronJob: its job's pods per run; with {@code concurrencyPolicy: Allow} (the default) runs may
 *       overlap, so the worst case counts two runs; {@code Forbid} and {@code Replace} keep one; a
 *       suspended one runs nothing;</li>
 *   <li>DaemonSet: one pod per node, counted with the number of nodes given ({@code --nodes}); its
 *       rolling update adds {@code maxSurge} (default 0) of them.</li>
 * </ul>
 *
 * @param podSpec       the pod spec ({@code spec.template.spec}, or {@code spec} of a Pod)
 * @param podLabelsPath where the pod template's labels are
 * @param replicas      pods normally (0: scaled to nothing)
 * @param maxReplicas   pods at most without an autoscaler (more than {@code replicas} only for overlapping runs)
 * @param surge         pods a rollout adds, counted in the worst case
 * @param notCounted    why the object runs no counted pods (a DaemonSet without {@code --nodes}, a suspended CronJob)
 */
record KubernetesWorkload(Node podSpec, List<String> podLabelsPath, int replicas, int maxReplicas, Surge surge,
                          Optional<String> notCounted) {

    static final List<String> KINDS = List.of("Deployment", "StatefulSet", "ReplicaSet", "Rollout", "Pod", "Job",
            "CronJob", "DaemonSet");

    private static final List<String> TEMPLATE_LABELS = List.of("spec", "template", "metadata", "labels");

    /** The workload of {@code object}, or empty when its kind runs no pods dbpool counts. */
    static Optional<KubernetesWorkload> of(KubernetesObject object, OptionalInt nodes) {
        PositionedYaml yaml = object.yaml();
        String label = object.kind() + " " + object.name();
        return switch (object.kind()) {
            case "Deployment" -> template(object).map(spec -> new KubernetesWorkload(spec, TEMPLATE_LABELS,
                    replicas(object), replicas(object), deploymentSurge(object), Optional.empty()));
            case "StatefulSet", "ReplicaSet" -> template(object).map(spec -> new KubernetesWorkload(spec,
                    TEMPLATE_LABELS, replicas(object), replicas(object), Surge.NONE, Optional.empty()));
            case "Rollout" -> template(object).map(spec -> new KubernetesWorkload(spec, TEMPLATE_LABELS,
                    replicas(object), replicas(object), rolloutSurge(object), Optional.empty()));
            case "Pod" -> object.at("spec").map(spec -> new KubernetesWorkload(spec, List.of("metadata", "labels"),
                    1, 1, Surge.NONE, Optional.empty()));
            case "Job" -> template(object).map(spec -> {
                int pods = jobPods(object, yaml, label, "spec");
                return new KubernetesWorkload(spec, TEMPLATE_LABELS, pods, pods, Surge.NONE, Optional.empty());
            });
            case "CronJob" -> object.at("spec", "jobTemplate", "spec", "template", "spec").map(spec -> cronJob(object, spec));
            case "DaemonSet" -> template(object).map(spec -> daemonSet(object, spec, nodes));
            default -> Optional.empty();
        };
    }

    private static Optional<Node> template(KubernetesObject object) {
        return object.at("spec", "template", "spec");
    }

    private static int replicas(KubernetesObject object) {
        return object.at("spec", "replicas").map(n -> object.yaml().wholeNumber(n, object.kind() + " " + object.name()
                + " spec.replicas", CountRange.PODS_OR_NONE)).orElse(1);
    }

    /** Pods of one Job run: {@code parallelism} (default 1), at most {@code completions}. */
    private static int jobPods(KubernetesObject object, PositionedYaml yaml, String label, String... specPath) {
        String[] parallelismPath = append(specPath, "parallelism");
        String[] completionsPath = append(specPath, "completions");
        String prefix = label + " " + String.join(".", specPath) + ".";
        int parallelism = object.at(parallelismPath)
                .map(n -> yaml.wholeNumber(n, prefix + "parallelism", CountRange.PODS_OR_NONE)).orElse(1);
        OptionalInt completions = object.at(completionsPath)
                .map(n -> OptionalInt.of(yaml.wholeNumber(n, prefix + "completions", CountRange.PODS_OR_NONE)))
                .orElse(OptionalInt.empty());
        return completions.isPresent() ? Math.min(parallelism, completions.getAsInt()) : parallelism;
    }

    private static KubernetesWorkload cronJob(KubernetesObject object, Node spec) {
        PositionedYaml yaml = object.yaml();
        String label = object.kind() + " " + object.name();
        List<String> labels = List.of("spec", "jobTemplate", "spec", "template", "metadata", "labels");
        boolean suspended = object.at("spec", "suspend").map(n -> "true".equals(yaml.text(n, "spec.suspend"))).orElse(false);
        if (suspended) {
            return new KubernetesWorkload(spec, labels, 0, 0, Surge.NONE, Optional.of("it is suspended (spec.suspend: true)"));
        }
        int pods = jobPods(object, yaml, label, "spec", "jobTemplate", "spec");
        String policy = object.at("spec", "concurrencyPolicy").map(n -> yaml.text(n, label + " spec.concurrencyPolicy"))
                .orElse("Allow");
        int runs = switch (policy) {
            case "Allow" -> 2;
            case "Forbid", "Replace" -> 1;
            default -> throw object.yaml().source().error(object.at("spec", "concurrencyPolicy").orElseThrow(),
                    label + " spec.concurrencyPolicy must be Allow, Forbid or Replace, got '" + policy + "'");
        };
        return new KubernetesWorkload(spec, labels, pods, pods * runs, Surge.NONE, Optional.empty());
    }

    private static KubernetesWorkload daemonSet(KubernetesObject object, Node spec, OptionalInt nodes) {
        if (nodes.isEmpty()) {
            return new KubernetesWorkload(spec, TEMPLATE_LABELS, 0, 0, Surge.NONE,
                    Optional.of("a DaemonSet runs one pod per node: give the number of nodes (--nodes N) to count it"));
        }
        Surge surge = surge(object, "spec", "updateStrategy", Surge.NONE, "RollingUpdate");
        return new KubernetesWorkload(spec, TEMPLATE_LABELS, nodes.getAsInt(), nodes.getAsInt(), surge, Optional.empty());
    }

    private static Surge deploymentSurge(KubernetesObject object) {
        return surge(object, "spec", "strategy", Surge.KUBERNETES_DEFAULT, "RollingUpdate");
    }

    private static Surge rolloutSurge(KubernetesObject object) {
        if (object.at("spec", "strategy", "blueGreen").isPresent()) {
            return Surge.percentOf(100); // the preview ReplicaSet runs at full size beside the active one
        }
        Optional<Node> maxSurge = object.at("spec", "strategy", "canary", "maxSurge");
        return maxSurge.map(n -> parseSurge(object, n, "spec.strategy.canary.maxSurge")).orElse(Surge.KUBERNETES_DEFAULT);
    }

    /** {@code <strategy>.type} (Recreate/OnDelete: none) and {@code <strategy>.rollingUpdate.maxSurge}. */
    private static Surge surge(KubernetesObject object, String spec, String strategy, Surge byDefault, String rolling) {
        PositionedYaml yaml = object.yaml();
        String type = object.at(spec, strategy, "type").map(n -> yaml.text(n, spec + "." + strategy + ".type")).orElse(rolling);
        if (!type.equals(rolling)) {
            return Surge.NONE;
        }
        return object.at(spec, strategy, "rollingUpdate", "maxSurge")
                .map(n -> parseSurge(object, n, spec + "." + strategy + ".rollingUpdate.maxSurge")).orElse(byDefault);
    }

    /** A whole number of pods or a percentage ({@code 25%}), as Kubernetes' IntOrString. */
    static Surge parseSurge(KubernetesObject object, Node node, String path) {
        PositionedYaml yaml = object.yaml();
        String text = yaml.text(node, "maxSurge").strip();
        String label = object.id() + " " + path;
        if (text.endsWith("%")) {
            String digits = text.substring(0, text.length() - 1);
            if (digits.matches("[0-9]{1,9}")) {
                return Surge.percentOf(Integer.parseInt(digits));
            }
        } else if (node instanceof ScalarNode && text.matches("[0-9]+")) {
            return Surge.pods(yaml.wholeNumber(node, label, CountRange.PODS_OR_NONE));
        }
        throw yaml.source().error(node, label + " must be a whole number or a percentage like 25%, got '" + text + "'");
    }

    private static String[] append(String[] path, String last) {
        String[] all = java.util.Arrays.copyOf(path, path.length + 1);
        all[path.length] = last;
        return all;
    }
}
