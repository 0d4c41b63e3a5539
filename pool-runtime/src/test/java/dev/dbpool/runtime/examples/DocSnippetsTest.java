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
 * The Java in README.md and every page under docs/ is not pasted text: each block follows a marker
 * {@code <!-- snippet: PATH#TAG -->} and must equal the region between {@code // tag::TAG[]} and
 * {@code // end::TAG[]} in that file, which the build compiles and a test runs.
 * {@code python3 docs/sync-snippets.py .} copies the code into the pages.
 */
class DocSnippetsTest {

    private static final Pattern SNIPPET = Pattern.compile(
            "^<!-- snippet: (\\S+)#(\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern ANY_MARKER = Pattern.compile("(?m)^<!-- snippet:");
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^\\s*```java\\s*$");

    @Test
    void everyJavaSnippetInTheDocsMatchesCompiledCode() throws IOException {
        List<String> checked = new ArrayList<>();
        for (Path doc : DocPages.all()) {
            Matcher m = SNIPPET.matcher(DocPages.read(doc));
            while (m.find()) {
                String region = region(DocPages.ROOT.resolve(m.group(1)), m.group(2));
                assertThat(m.group(3)).as("%s: snippet %s#%s (python3 docs/sync-snippets.py . copies the code in)",
                                DocPages.name(doc), m.group(1), m.group(2))
                        .isEqualTo(region);
                checked.add(DocPages.name(doc) + ":" + m.group(2));
            }
        }
        assertThat(checked).as("snippets checked").isNotEmpty()
                .anyMatch(s -> s.startsWith("README.md:"));
    }

    @Test
    void everySnippetMarkerIsFollowedByTheJavaBlockItChecks() {
        for (Path doc : DocPages.all()) {
            String text = DocPages.read(doc);
            assertThat(count(SNIPPET, text)).as("%s: a <!-- snippet: PATH#TAG --> marker not directly followed by"
                    + " a ```java block is checked against nothing", DocPages.name(doc))
                    .isEqualTo(count(ANY_MARKER, text));
        }
    }

    @Test
    void everyJavaBlockInTheDocsIsASnippetOfCompiledCode() {
        for (Path doc : DocPages.all()) {
            String text = DocPages.read(doc);
            assertThat(count(JAVA_BLOCK, text)).as("%s: a ```java block without a <!-- snippet: PATH#TAG --> marker"
                    + " is not compiled; put the code in a test source between // tag::TAG[] and // end::TAG[]",
                    DocPages.name(doc)).isEqualTo(count(SNIPPET, text));
        }
    }

    private static long count(Pattern pattern, String text) {
        return pattern.matcher(text).results().count();
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
