package dev.dbpool.runtime.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs point at things that exist: every relative link in README.md and docs/ names a file of the
 * repository and, when it has one, a heading of that page (GitHub's anchors, which mkdocs makes the same
 * for these headings); and every {@code docs/...} path the sources, scripts and poms name is there, so
 * that renaming a page fails the build until every mention follows.
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]\\n]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern DOCS_PATH = Pattern.compile("(?<![A-Za-z0-9_.-])docs/[A-Za-z0-9_./-]+\\.(?:md|py)");
    private static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "md", "sh", "py", "xml", "yml", "yaml", "properties");
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", "node_modules", "site");

    @Test
    void everyRelativeLinkInTheDocsPointsAtAFileAndHeadingThatExist() {
        List<String> broken = new ArrayList<>();
        Map<Path, Set<String>> anchorsByPage = new HashMap<>();
        int checked = 0;
        for (Path page : DocPages.all()) {
            String text = INLINE_CODE.matcher(DocPages.withoutCodeBlocks(DocPages.read(page))).replaceAll("");
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // http:, https:, mailto:
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(DocPages.name(page) + ": (" + target + "): no file " + DocPages.ROOT.relativize(resolved));
                } else if (hash >= 0 && resolved.toString().endsWith(".md")) {
                    String anchor = target.substring(hash + 1);
                    Set<String> anchors = anchorsByPage.computeIfAbsent(resolved, p -> anchors(DocPages.read(p)));
                    if (!anchors.contains(anchor)) {
                        broken.add(DocPages.name(page) + ": (" + target + "): no heading #" + anchor + " in "
                                + DocPages.name(resolved));
                    }
                }
            }
        }
        assertThat(checked).as("relative links checked").isPositive();
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void everyDocsPathNamedInTheRepositoryExists() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(DocPages.ROOT)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(DocLinksTest::isSource)::iterator) {
                Matcher path = DOCS_PATH.matcher(Files.readString(file));
                while (path.find()) {
                    if (!Files.exists(DocPages.ROOT.resolve(path.group()))) {
                        missing.add(DocPages.ROOT.relativize(file) + " names " + path.group());
                    }
                }
            }
        }
        assertThat(missing).as("docs/ paths that do not exist").isEmpty();
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(anchors("# The pool as a `DataSource`: plain JDBC, jOOQ\n## In a service's own tests (no CLI)\n## Flags\n## Flags"))
                .containsExactly("the-pool-as-a-datasource-plain-jdbc-jooq", "in-a-services-own-tests-no-cli",
                        "flags", "flags-1");
    }

    /** The anchors GitHub gives the page's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(DocPages.withoutCodeBlocks(markdown));
        while (heading.find()) {
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(n == 0 ? slug : slug + "-" + n);
        }
        return anchors;
    }

    private static boolean isSource(Path file) {
        for (Path part : DocPages.ROOT.relativize(file)) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return false;
            }
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && SOURCE_EXTENSIONS.contains(name.substring(dot + 1));
    }
}
