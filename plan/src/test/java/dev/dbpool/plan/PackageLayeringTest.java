package dev.dbpool.plan;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DESIGN §7: the plan's API and its readers at {@code dev.dbpool.plan}, the self-contained engine (queueing
 * formulas, the proportional fit, the closest match) below it; no package below the root refers to a root
 * class, and no two packages refer to each other, directly or around a loop. Read from the sources: every
 * {@code dev.dbpool.plan...Class} they name (imports, static imports, fully qualified names in code).
 */
class PackageLayeringTest {

    private static final String ROOT = "dev.dbpool.plan";
    private static final Path SOURCES = Path.of("src/main/java/dev/dbpool/plan");
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.dbpool\\.plan((?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

    @Test
    void noPackageBelowTheRootRefersToTheRoot() {
        List<String> offenders = new ArrayList<>();
        dependencies().forEach((pkg, uses) -> {
            if (!pkg.equals(ROOT) && uses.contains(ROOT)) {
                offenders.add(pkg);
            }
        });

        assertThat(offenders).as("packages that point back up to " + ROOT).isEmpty();
    }

    @Test
    void thereAreNoCyclesBetweenPackages() {
        Map<String, Set<String>> graph = dependencies();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            if (reaches(graph, start, start, new HashSet<>())) {
                cycles.add(start);
            }
        }

        assertThat(cycles).as("packages on a dependency cycle: " + graph).isEmpty();
    }

    @Test
    void theRuleSeesAViolation() {
        Map<String, Set<String>> graph = new TreeMap<>();
        scan(graph, ROOT + ".engine", "import dev.dbpool.plan.FleetPlan;\nclass X { dev.dbpool.plan.other.Y y; }");

        assertThat(graph.get(ROOT + ".engine")).containsExactlyInAnyOrder(ROOT, ROOT + ".other");
    }

    private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(target) || seen.add(next) && reaches(graph, next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    /** Package → the other plan packages it refers to. */
    private static Map<String, Set<String>> dependencies() {
        assertThat(SOURCES).as("run from the plan module").isDirectory();
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = ROOT + SOURCES.relativize(file.getParent()).toString().replace('/', '.')
                        .transform(s -> s.isEmpty() ? "" : "." + s);
                scan(graph, pkg, Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(graph).containsKeys(ROOT, ROOT + ".engine");
        return graph;
    }

    private static void scan(Map<String, Set<String>> graph, String pkg, String source) {
        Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(source.replaceAll("(?m)^package .*$", ""));
        while (m.find()) {
            String target = ROOT + m.group(1);
            if (!target.equals(pkg)) {
                uses.add(target);
            }
        }
    }
}
