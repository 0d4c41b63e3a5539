package dev.dbpool.rules;

import dev.dbpool.rules.model.Fleet;
import dev.dbpool.rules.model.EmitOptions;
import dev.dbpool.rules.alerts.AlertCatalog;
import dev.dbpool.rules.alerts.AlertContext;
import dev.dbpool.rules.alerts.AlertDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every runbook_url points at a section of docs/runbook.md that exists. */
class RunbookTest {

    private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");

    @Test
    void everyRunbookUrlPointsAtAHeadingOfTheRunbook() throws Exception {
        Set<String> anchors = anchors();
        for (GeneratedFiles files : List.of(Emitter.emit(Fleet.defaults(), EmitOptions.ofDefaults()),
                Emitter.emit(Fleets.plan(), EmitOptions.ofDefaults()))) {
            for (Map<String, Object> rule : RulesYaml.alerts(files)) {
                String url = RulesYaml.map(rule, "annotations").get("runbook_url");
                assertThat(url).startsWith(EmitOptions.DEFAULT_RUNBOOK_URL + "#");
                assertThat(anchors).as("docs/runbook.md has a heading for " + url)
                        .contains(url.substring(url.indexOf('#') + 1));
            }
        }
    }

    @Test
    void theDefaultRunbookUrlIsThisRepositorysRunbook() {
        // A path in this repository, not a placeholder address: the file is there.
        assertThat(EmitOptions.DEFAULT_RUNBOOK_URL).isEqualTo("docs/runbook.md").doesNotContain("://");
        assertThat(Path.of("..").resolve(EmitOptions.DEFAULT_RUNBOOK_URL)).isRegularFile();
        assertThat(RUNBOOK).isRegularFile();
    }

    @Test
    void everyAlertSectionSaysWhatItMeansHowToConfirmAndWhatToDo() throws Exception {
        String runbook = Files.readString(RUNBOOK);
        for (AlertDefinition alert : AlertCatalog.all()) {
            int start = runbook.indexOf("\n## " + alert.name() + "\n");
            assertThat(start).as("section for " + alert.name()).isNotNegative();
            int end = runbook.indexOf("\n## ", start + 1);
            String section = runbook.substring(start, end < 0 ? runbook.length() : end);
            assertThat(section).as(alert.name()).contains("**What it means", "**How to confirm.**", "**What to do.**");
        }
    }

    @Test
    void anchorsFollowGitHubsHeadingIds() {
        assertThat(AlertContext.anchor("PoolExhaustion")).isEqualTo("poolexhaustion");
        assertThat(AlertContext.anchor("What to do: step 2")).isEqualTo("what-to-do-step-2");
    }

    private static Set<String> anchors() throws Exception {
        return Files.readAllLines(RUNBOOK).stream()
                .filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", ""))
                .map(AlertContext::anchor)
                .collect(Collectors.toSet());
    }
}
