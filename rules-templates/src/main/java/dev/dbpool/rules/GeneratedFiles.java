package dev.dbpool.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code dbpool emit} produces: file paths relative to the output directory, and their text. */
public final class GeneratedFiles {

    private final Map<String, String> files;

    GeneratedFiles(Map<String, String> files) {
        this.files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /** Relative path → content, in the order they are written. */
    public Map<String, String> files() {
        return files;
    }

    public String get(String relativePath) {
        String content = files.get(relativePath);
        if (content == null) {
            throw new IllegalArgumentException("not a generated file: " + relativePath);
        }
        return content;
    }

    /** Writes every file under {@code dir} (creating directories), returning the paths written. */
    public List<Path> writeTo(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            written.add(path);
        }
        return written;
    }

    /** A file under the output directory that is not what emit would write. */
    public record Difference(String relativePath, boolean missing) {
    }

    /** The files under {@code dir} that are missing or differ byte for byte; empty when up to date. */
    public List<Difference> differencesFrom(Path dir) {
        List<Difference> differences = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (!Files.isRegularFile(path)) {
                differences.add(new Difference(file.getKey(), true));
                continue;
            }
            try {
                if (!Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                    differences.add(new Difference(file.getKey(), false));
                }
            } catch (java.nio.charset.MalformedInputException e) {
                differences.add(new Difference(file.getKey(), false));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return differences;
    }
}
