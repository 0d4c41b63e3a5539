package dev.dbpool.runtime.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository's documentation as the doc tests read it: README.md and every page under docs/. */
final class DocPages {

    /** The repository root (the tests run in pool-runtime/). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private DocPages() {
    }

    static List<Path> all() {
        List<Path> pages = new ArrayList<>();
        pages.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's name as messages show it: {@code README.md}, {@code docs/runtime.md}. */
    static String name(Path page) {
        return ROOT.relativize(page).toString();
    }

    /** The text with fenced code blocks blanked (line count kept), so that code is not read as Markdown. */
    static String withoutCodeBlocks(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
                out.append('\n');
                continue;
            }
            out.append(inFence ? "" : line).append('\n');
        }
        return out.toString();
    }
}
