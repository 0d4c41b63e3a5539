package dev.dbpool.cli.common;

/** The values of {@code --format}; a subcommand that supports fewer says so in its validation. */
public enum OutputFormat {
    text, json, markdown
}
