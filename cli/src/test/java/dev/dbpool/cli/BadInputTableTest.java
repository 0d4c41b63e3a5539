package dev.dbpool.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/bad-input.md is a claim about every class of bad input: each row's command, run through the CLI
 * seam, must exit as the row says and print what it quotes, and never print the invented password.
 */
class BadInputTableTest {

    private static final Path PAGE = Path.of("../docs/bad-input.md");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| (.+?) \\| `([^`]*)` \\| (\\d)(?:: (.*?))? \\| (.+?) \\|$");
    private static final Pattern QUOTED = Pattern.compile("`([^`]+)`");
    private static final String PASSWORD = "Hunter2";

    @Test
    void everyRowIsAnsweredAsTheTableSays() throws IOException {
        Matcher row = ROW.matcher(Files.readString(PAGE));
        int run = 0;
        while (row.find()) {
            String answer = row.group(4) == null ? "" : row.group(4);
            if (answer.contains("not run by the build")) {
                continue;
            }
            Map<String, String> env = new HashMap<>();
            List<String> args = arguments(row.group(2), env);
            CliTesting.Logged result = CliTesting.runLogged(env, args.toArray(String[]::new));

            String shown = row.group(2) + "\n" + result.everything();
            assertThat(result.result().exitCode()).as(shown).isEqualTo(Integer.parseInt(row.group(3)));
            Matcher quoted = QUOTED.matcher(answer);
            if (quoted.find()) {
                assertThat(result.result().out() + result.result().err()).as(shown).contains(quoted.group(1));
            }
            assertThat(result.everything()).as(shown).doesNotContain(PASSWORD).doesNotContain("\tat ");
            run++;
        }
        assertThat(run).as("rows run from " + PAGE).isGreaterThanOrEqualTo(25);
    }

    /** A shell-like split ({@code 'quoted words'}, {@code NAME=value} before {@code dbpool}); paths from the repository root. */
    private static List<String> arguments(String command, Map<String, String> env) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : command.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ' && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                }
                word = null;
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        int dbpool = words.indexOf("dbpool");
        for (String assignment : words.subList(0, dbpool)) {
            env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        return words.subList(dbpool + 1, words.size()).stream()
                .map(a -> a.startsWith("examples/") ? "../" + a : a).toList();
    }
}
