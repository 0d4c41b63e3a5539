package dev.dbpool.cli;

import dev.dbpool.cli.common.ExitCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DbpoolCliTest {

    @Test
    void helpListsTheSubcommandsAndExitsZero() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Usage: dbpool", "generate-completion");
    }

    @Test
    void noCommandPrintsTheUsageAndExitsTwo() {
        DbpoolCli.Result result = DbpoolCli.runCaptured();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Usage: dbpool", "Commands:");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theCommandListSaysEachCommandInAWholeSentence() {
        String help = DbpoolCli.runCaptured("--help").out();
        String commands = help.substring(help.indexOf("Commands:"));
        // Each entry starts at column 2; its wrapped lines are indented further. Joined, each ends a sentence.
        java.util.List<String> entries = new java.util.ArrayList<>();
        for (String line : commands.lines().skip(1).toList()) {
            if (line.startsWith("  ") && !line.startsWith("   ")) {
                entries.add(line.strip());
            } else if (!entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        assertThat(entries).hasSizeGreaterThanOrEqualTo(5).allSatisfy(entry -> assertThat(entry).endsWith("."));
    }

    @Test
    void versionPrintsTheVersion() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("--version");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).startsWith("dbpool ");
    }

    @Test
    void anUnknownSubcommandExitsTwoWithASuggestion() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("plna");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unmatched argument");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void completionScriptIsGenerated() {
        DbpoolCli.Result result = DbpoolCli.runCaptured("generate-completion");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("complete -F");
    }
}
