package dev.dbpool.plan;

import dev.dbpool.plan.engine.ClosestMatch;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code pgbouncer.ini} as PgBouncer does: sections {@code [databases]}, {@code [pgbouncer]},
 * {@code [users]} and {@code [peers]}; {@code key = value} lines; comments starting with {@code ;} or
 * {@code #}; {@code %include FILE} (relative to the including file). A {@code [databases]} value is a
 * libpq-style list {@code host=db dbname=app pool_size=30}. Unknown sections and keys (with the closest
 * valid key) and bad values are a {@link PlanException} at {@code FILE:LINE:COLUMN}.
 */
final class PgBouncerIniReader {

    static final List<String> SECTIONS = List.of("databases", "pgbouncer", "users", "peers");
    /** What a {@code [databases]} entry may set (PgBouncer 1.24). */
    static final List<String> DATABASE_KEYS = List.of("dbname", "host", "port", "user", "password", "auth_user",
            "auth_query", "auth_dbname", "pool_size", "min_pool_size", "reserve_pool", "reserve_pool_size",
            "connect_query", "pool_mode", "max_db_connections", "max_db_client_connections", "client_encoding",
            "datestyle", "timezone", "application_name", "load_balance_hosts", "server_lifetime");
    /** What a {@code [users]} entry may set. */
    static final List<String> USER_KEYS = List.of("pool_mode", "pool_size", "reserve_pool_size",
            "max_user_connections", "max_user_client_connections");

    private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]]*?)\\s*]\\s*");
    private static final Pattern PAIR = Pattern.compile("\\s*([^=\\s]+)\\s*=\\s*('(?:[^']|'')*'|\\S*)");
    private static final int MAX_INCLUDE_DEPTH = 10;

    private final PgBouncerSettings settings;
    private final Map<String, PgBouncerConfig.DatabaseEntry> databases = new LinkedHashMap<>();

    private final Map<String, SourcePosition> databaseLines = new HashMap<>();

    private PgBouncerIniReader(String source) {
        this.settings = new PgBouncerSettings(source);
    }

    static PgBouncerConfig load(Path file) {
        PgBouncerIniReader reader = new PgBouncerIniReader(file.toString());
        reader.read(file, 0);
        return reader.settings.build(reader.databases);
    }

    /** Parses ini text; {@code name} is used in every message. */
    static PgBouncerConfig parse(String name, String text) {
        PgBouncerIniReader reader = new PgBouncerIniReader(name);
        reader.read(new SourceText(name, text), Path.of(name), 0);
        return reader.settings.build(reader.databases);
    }

    private void read(Path file, int depth) {
        read(SourceText.read(file, "a pgbouncer.ini"), file, depth);
    }

    private void read(SourceText source, Path file, int depth) {
        String[] lines = source.lines();
        if (java.util.Arrays.stream(lines).map(String::strip)
                .allMatch(l -> l.isEmpty() || l.startsWith(";") || l.startsWith("#"))) {
            throw source.error("has no settings: a pgbouncer.ini has [databases] and [pgbouncer] sections");
        }
        String section = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            int indent = line.indexOf(trimmed.isEmpty() ? " " : trimmed.substring(0, 1));
            if (trimmed.isEmpty() || trimmed.startsWith(";") || trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.startsWith("%include")) {
                if (depth >= MAX_INCLUDE_DEPTH) {
                    throw source.position(i, indent).error("%include nested more than " + MAX_INCLUDE_DEPTH + " deep");
                }
                read(file.resolveSibling(trimmed.substring("%include".length()).strip()), depth + 1);
                continue;
            }
            Matcher header = SECTION.matcher(trimmed);
            if (header.matches()) {
                section = header.group(1).toLowerCase(java.util.Locale.ROOT);
                if (!SECTIONS.contains(section)) {
                    throw source.position(i, indent).error("unknown section [" + header.group(1) + "]"
                            + hint(section, SECTIONS, "sections"));
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw source.position(i, indent).error("expected 'key = value' or '[section]', got '" + trimmed + "'");
            }
            if (section == null) {
                throw source.position(i, indent).error("'" + line.substring(0, eq).strip()
                        + "' is outside any section: start with [pgbouncer] or [databases]");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            int valueColumn = eq + 1 + (line.length() - eq - 1 - line.substring(eq + 1).stripLeading().length());
            int lineIndex = i;
            String inSection = section;
            Function<String, PlanException> valueError = problem ->
                    source.position(lineIndex, valueColumn).error("[" + inSection + "] " + key + " " + problem);
            switch (section) {
                case "pgbouncer" -> {
                    if (!PgBouncerSettings.INI_KEYS.contains(key)) {
                        throw source.position(i, indent).error("unknown key '" + key + "' in [pgbouncer]"
                                + hint(key, PgBouncerSettings.INI_KEYS, "keys"));
                    }
                    settings.set(key, value, valueError);
                }
                case "databases" -> {
                    SourcePosition first = databaseLines.putIfAbsent(key, source.position(i, indent));
                    if (first != null) {
                        throw source.position(i, indent).error("[databases] " + key + " is defined twice (first at "
                                + first.describe() + "); PgBouncer would use one of them: keep one");
                    }
                    databases.put(key, databaseEntry(source, i, key, line, eq + 1));
                }
                case "users" -> userEntry(source, i, key, line, eq + 1);
                default -> {
                    // [peers]: other PgBouncers of a peered setup, no bearing on this one's connections
                }
            }
        }
    }

    /** A {@code [users]} line: its keys known, its numbers and pool mode valid, as PgBouncer would read them. */
    private static void userEntry(SourceText source, int line, String user, String text, int from) {
        Map<String, String> pairs = pairs(source, line, "[users] " + user, text, from, USER_KEYS);
        pairs.forEach((key, value) -> {
            Function<String, PlanException> error = problem -> source.position(line,
                    Math.max(0, text.indexOf(key + "="))).error("[users] " + user + " " + key + " " + problem);
            if (key.equals("pool_mode")) {
                PgBouncerSettings.poolMode(value, error);
            } else {
                PgBouncerSettings.count(value, key.endsWith("client_connections") ? PgBouncerSettings.ANY_COUNT
                        : CountRange.CONNECTIONS_OR_NONE, error);
            }
        });
    }

    private PgBouncerConfig.DatabaseEntry databaseEntry(SourceText source, int line, String name, String text, int from) {
        Map<String, String> pairs = pairs(source, line, "[databases] " + name, text, from, DATABASE_KEYS);
        return new PgBouncerConfig.DatabaseEntry(name,
                number(source, line, text, pairs, "pool_size", name),
                pairs.containsKey("reserve_pool_size") ? number(source, line, text, pairs, "reserve_pool_size", name)
                        : number(source, line, text, pairs, "reserve_pool", name),
                number(source, line, text, pairs, "max_db_connections", name),
                Optional.ofNullable(pairs.get("pool_mode")).map(mode -> PgBouncerSettings.poolMode(mode,
                        problem -> source.position(line, text.indexOf("pool_mode")).error(
                                "[databases] " + name + " pool_mode " + problem))));
    }

    private static OptionalInt number(SourceText source, int line, String text, Map<String, String> pairs, String key,
                                      String name) {
        String value = pairs.get(key);
        if (value == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(PgBouncerSettings.count(value, CountRange.CONNECTIONS_OR_NONE, problem -> source.position(line,
                text.indexOf(key + "=") >= 0 ? text.indexOf(key + "=") : text.indexOf(key)).error(
                "[databases] " + name + " " + key + " " + problem)));
    }

    /** The {@code key=value} pairs of a libpq-style string, every key checked against {@code valid}. */
    private static Map<String, String> pairs(SourceText source, int line, String what, String text, int from,
                                             List<String> valid) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(text);
        int at = from;
        while (at < text.length() && !text.substring(at).isBlank()) {
            if (!m.find(at) || !text.substring(at, m.start()).isBlank()) {
                int col = at + (text.length() - at - text.substring(at).stripLeading().length());
                throw source.position(line, col).error(what + ": expected key=value, got '"
                        + text.substring(col).strip() + "'");
            }
            String key = m.group(1);
            if (!valid.contains(key)) {
                throw source.position(line, m.start(1)).error("unknown key '" + key + "' in " + what
                        + hint(key, valid, "keys"));
            }
            String value = m.group(2);
            if (value.startsWith("'")) {
                value = value.substring(1, value.length() - 1).replace("''", "'");
            }
            pairs.put(key, value);
            at = m.end();
        }
        return pairs;
    }

    private static String hint(String typed, List<String> valid, String what) {
        return ClosestMatch.among(typed, valid).map(k -> "; did you mean '" + k + "'?")
                .orElse(valid.size() <= 6 ? "; valid " + what + " are " + String.join(", ", valid) : "");
    }
}
