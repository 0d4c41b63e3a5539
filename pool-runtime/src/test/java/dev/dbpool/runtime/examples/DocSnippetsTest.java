package dev.dbpool.runtime.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java in README.md and docs/*.md is not pasted text: each block follows a marker
 * {@code <!-- snippet: PATH#TAG -->} and must equal the region between {@code // tag::TAG[]} and
 * {@code // end::TAG[]} in that file, which the build compiles and a test runs.
 */
class DocSnippetsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyJavaSnippetInTheDocsMatchesCompiledCode() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path doc : List.of(ROOT.resolve("README.md"), ROOT.resolve("docs/BACKPRESSURE_INTEGRATION.md"))) {
            Matcher m = SNIPPET.matcher(Files.readString(doc));
            while (m.find()) {
                String region = region(ROOT.resolve(m.group(1)), m.group(2));
                assertThat(m.group(3)).as("%s: snippet %s#%s", doc.getFileName(), m.group(1), m.group(2))
                        .isEqualTo(region);
                checked.add(doc.getFileName() + ":" + m.group(2));
            }
        }
        assertThat(checked).contains("BACKPRESSURE_INTEGRATION.md:endpoint", "README.md:create",
                "README.md:query", "README.md:backpressure", "README.md:custom",
                "README.md:pool", "README.md:plan", "README.md:soak", "README.md:rules");
    }

    /** The lines between the tags, with their common indentation removed. */
    static String region(Path source, String tag) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "// tag::" + tag + "[]", source) + 1;
        int end = indexOf(lines, "// end::" + tag + "[]", source);
        List<String> body = lines.subList(start, end);
        int indent = body.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : body) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static int indexOf(List<String> lines, String marker, Path source) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(marker + " not found in " + source);
    }
}
