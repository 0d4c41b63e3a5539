package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code dbpool plan} was given, told apart by content: one {@code services.yaml}, or Kubernetes
 * manifests (files, directories of {@code .yaml}/{@code .yml}/{@code .json} files taken in name order,
 * not recursively, as {@code kubectl apply -f DIR} does; multi-document YAML; {@code kind: List}).
 * A file is manifests when one of its documents has {@code apiVersion} and {@code kind}; otherwise it is
 * read as a services file, whose reader explains what is wrong with it.
 */
final class PlanInputs {

    private PlanInputs() {
    }

    /** @param nodes the cluster's nodes, for DaemonSets in manifests (not counted without it) */
    static FleetPlan load(List<Path> inputs, OptionalInt nodes) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input");
        }
        List<Path> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path input : inputs) {
            files.addAll(expand(input, notes));
        }
        String sourceName = inputs.stream().map(Path::toString).collect(Collectors.joining(", "));
        List<KubernetesObject> objects = new ArrayList<>();
        for (Path file : files) {
            SourceText source = SourceText.read(file, "a services file or a Kubernetes manifest");
            PositionedYaml yaml = new PositionedYaml(source);
            List<Node> documents = yaml.documents();
            boolean manifests = documents.stream().anyMatch(KubernetesObjects::isKubernetesObject);
            if (!manifests) {
                boolean onlyInput = files.size() == 1 && inputs.size() == 1 && !Files.isDirectory(inputs.get(0));
                if (onlyInput) {
                    return PlanYamlReader.read(source);
                }
                if (!documents.isEmpty() && PlanYamlReader.looksLikeServicesFile(documents.get(0))) {
                    throw source.error(documents.get(0), "a services file is planned on its own, "
                            + "not together with Kubernetes manifests or other files");
                }
                if (documents.isEmpty()) {
                    continue; // an empty manifest is nothing to apply
                }
            }
            objects.addAll(KubernetesObjects.read(yaml, documents));
        }
        if (objects.isEmpty()) {
            throw PlanException.inFile(sourceName, "no Kubernetes objects found");
        }
        return KubernetesReader.read(sourceName, objects, notes, nodes);
    }

    /**
     * A directory's manifest files, as {@code kubectl apply -f DIR} takes them: not recursively. A
     * subdirectory is named in the notes; a broken or looping symbolic link, or an entry that is not a
     * file, is an error: leaving it out would plan less than will be applied.
     */
    private static List<Path> expand(Path input, List<String> notes) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(input)) {
            for (Path entry : entries.sorted().toList()) {
                if (Files.isDirectory(entry)) {
                    notes.add(entry + ": a subdirectory is not read (as kubectl apply -f DIR without -R); "
                            + "give it as an input of its own to plan it");
                } else if (isManifestName(entry)) {
                    files.add(entry); // SourceText.read refuses a broken link or a device with its reason
                }
            }
        } catch (IOException e) {
            throw PlanException.inFile(input.toString(), "cannot be listed: " + IoProblem.describe(e));
        }
        if (files.isEmpty()) {
            throw PlanException.inFile(input.toString(), "is a directory with no .yaml, .yml or .json files");
        }
        return files;
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
