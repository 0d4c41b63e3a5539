package dev.dbpool.examples.boot;

/** One article of the content service. */
public record Article(long id, String title, String body) {
}
