package dev.dbpool.plan;

import org.yaml.snakeyaml.nodes.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    static FleetPlan load(List<Path> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no input");
        }
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            files.addAll(expand(input));
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
        return KubernetesReader.read(sourceName, objects);
    }

    private static List<Path> expand(Path input) {
        if (!Files.isDirectory(input)) {
            return List.of(input);
        }
        try (Stream<Path> entries = Files.list(input)) {
            List<Path> files = entries.filter(Files::isRegularFile).filter(PlanInputs::isManifestName).sorted().toList();
            if (files.isEmpty()) {
                throw PlanException.inFile(input.toString(), "is a directory with no .yaml, .yml or .json files");
            }
            return files;
        } catch (IOException e) {
            throw PlanException.inFile(input.toString(), "cannot be listed: " + e.getMessage());
        }
    }

    private static boolean isManifestName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }
}
