package dev.dbpool.cli.common;

import picocli.CommandLine.Option;

/** The {@code --format text|json|markdown} mixin. */
public final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    public OutputFormat format() {
        return format;
    }

    /** Fails with a usage error when the format is not one the command supports. */
    public OutputFormat require(OutputFormat... supported) {
        for (OutputFormat f : supported) {
            if (f == format) {
                return format;
            }
        }
        throw CliException.usage("--format " + format + " is not supported here; use one of "
                + java.util.Arrays.toString(supported).replaceAll("[\\[\\]]", "").replace(", ", "|"));
    }
}
