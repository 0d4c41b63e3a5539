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
