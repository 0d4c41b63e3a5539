package dev.dbpool.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a newcomer reads (the README, docs/, examples/, every command's help) refers to nothing outside
 * this repository: no design document they do not have, no rule named after the project's history.
 */
class NoOutsideReferencesTest {

    private static final Path ROOT = Path.of("..");
    private static final List<String> OUTSIDE = List.of("DESIGN", "§", "seed's rule", "the design's layout",
            "original design", "github.com/dbpool/dbpool");

    @Test
    void theReadmeDocsAndExamplesReferToNothingOutsideTheRepository() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        for (String dir : List.of("docs", "examples")) {
            try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
                walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("/target/"))
                        .filter(p -> p.toString().matches(".*\\.(md|yaml|yml|ini|properties|txt|sql|java)$"))
                        .forEach(files::add);
            }
        }
        for (Path file : files) {
            String text;
            try {
                text = Files.readString(file);
            } catch (MalformedInputException e) {
                continue; // not text
            }
            assertThat(text).as(file.toString()).doesNotContain(OUTSIDE.toArray(String[]::new));
        }
    }

    @Test
    void noCommandsHelpRefersToNothingOutsideTheRepository() {
        for (List<String> command : List.of(List.of("--help"), List.of("plan", "--help"), List.of("emit", "--help"),
                List.of("soak", "--help"), List.of("closed-loop", "--help"))) {
            DbpoolCli.Result result = DbpoolCli.runCaptured(command.toArray(String[]::new));
            assertThat(result.out()).as(String.join(" ", command)).doesNotContain(OUTSIDE.toArray(String[]::new));
        }
    }
}
